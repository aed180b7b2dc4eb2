package dev.outlet.mappings;

import dev.outlet.api.Deployed;
import dev.outlet.api.FunctionRegistry;
import dev.outlet.api.LambdaErrors;
import dev.outlet.core.Account;
import dev.outlet.core.DefinitionStore;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Limits;
import dev.outlet.edge.Access;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.RestRoutes;
import dev.outlet.edge.RestRoutes.Route;
import dev.outlet.edge.Service;
import dev.outlet.invoke.Invocations;
import dev.outlet.invoke.InvokeOutcome;
import dev.outlet.invoke.InvokeRequest;
import dev.outlet.sqs.QueueConsumer;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A region's event source mappings: their store, their operations on the AWS edge (a REST service
 * asked before Lambda's, which claims every other path) and their pollers. {@link #start} resumes
 * the enabled mappings' polling; a message a poller received when Outlet stopped becomes visible
 * again after its visibility timeout, and is then delivered again.
 */
public final class EventSourceMappings implements AutoCloseable {
  /** Where the mapping operations are (every request under it is theirs). */
  public static final String ROOT = "/2015-03-31/event-source-mappings";

  private final MappingStore store;
  private final Pollers pollers;
  private final Service api;

  private EventSourceMappings(MappingStore store, Pollers pollers, Service api) {
    this.store = store;
    this.pollers = pollers;
    this.api = api;
  }

  /** Opens the mappings of {@code dataDir}; nothing polls before {@link #start}. */
  public static EventSourceMappings open(
      Path dataDir,
      Account account,
      FunctionRegistry registry,
      Invocations invocations,
      QueueConsumer queues,
      InstantSource clock) {
    return open(MappingStore.open(dataDir), account, registry, invocations, queues, clock);
  }

  /**
   * Opens the mappings of a cluster's region, documents of {@code shared} (which the caller owns
   * and closes); nothing polls before {@link #start}. Only the node that owns the region's queues
   * opens them (the others relay the mapping operations to it).
   */
  public static EventSourceMappings openShared(
      DefinitionStore shared,
      Account account,
      FunctionRegistry registry,
      Invocations invocations,
      QueueConsumer queues,
      InstantSource clock) {
    return open(MappingStore.shared(shared), account, registry, invocations, queues, clock);
  }

  private static EventSourceMappings open(
      MappingStore store,
      Account account,
      FunctionRegistry registry,
      Invocations invocations,
      QueueConsumer queues,
      InstantSource clock) {
    Pollers pollers = new Pollers(queues, calls(registry, invocations), account.region());
    MappingOperations ops = new MappingOperations(store, pollers, registry, queues, account, clock);
    return new EventSourceMappings(store, pollers, api(account, ops.operations()));
  }

  /**
   * Copies the mappings one machine keeps in {@code dataDir} (if it has any) into a cluster's
   * region, documents of {@code shared}: each put as stored, so a copy run again changes nothing.
   *
   * @return how many mappings {@code dataDir} holds
   */
  public static int copy(Path dataDir, DefinitionStore shared) {
    if (!java.nio.file.Files.exists(dataDir.resolve(MappingStore.FILE))) {
      return 0;
    }
    try (MappingStore from = MappingStore.open(dataDir)) {
      MappingStore to = MappingStore.shared(shared);
      List<Mapping> all = from.all();
      all.forEach(to::put);
      return all.size();
    }
  }

  /**
   * The mapping operations of a node that cannot reach the node owning its region's queues: each
   * answers Lambda's {@code ServiceException} with {@code message} (SDKs retry it).
   */
  public static Service unavailable(Account account, String message) {
    Operation refuse =
        call -> {
          throw new dev.outlet.core.LambdaException(dev.outlet.core.ErrorCode.SERVICE, message);
        };
    return api(
        account,
        Map.of(
            "CreateEventSourceMapping", refuse,
            "GetEventSourceMapping", refuse,
            "UpdateEventSourceMapping", refuse,
            "DeleteEventSourceMapping", refuse,
            "ListEventSourceMappings", refuse));
  }

  private static Service api(Account account, Map<String, Operation> operations) {
    return new Service(
        "Lambda (event source mappings)",
        new Protocol.RestJson(),
        RestRoutes.of(
                List.of(ROOT),
                new Route("POST", ROOT + "/", "CreateEventSourceMapping"),
                new Route("GET", ROOT + "/", "ListEventSourceMappings"),
                new Route("GET", ROOT + "/{UUID}", "GetEventSourceMapping"),
                new Route("PUT", ROOT + "/{UUID}", "UpdateEventSourceMapping"),
                new Route("DELETE", ROOT + "/{UUID}", "DeleteEventSourceMapping"))
            ::claim,
        operations,
        Limits.CREATE_REQUEST,
        LambdaErrors.INSTANCE,
        call -> {
          Account in = account.inRegion(call.identity().regionOr(null));
          String uuid = call.label("UUID");
          return List.of(
              new Access(
                  "lambda:" + call.operation(),
                  uuid == null
                      ? "*"
                      : "arn:aws:lambda:"
                          + in.region()
                          + ":"
                          + in.id()
                          + ":event-source-mapping:"
                          + uuid));
        });
  }

  private static FunctionCalls calls(FunctionRegistry registry, Invocations invocations) {
    return new FunctionCalls() {
      @Override
      public boolean exists(String function) {
        return registry.invocable(function).isPresent();
      }

      @Override
      public CompletableFuture<InvokeOutcome> invoke(
          String function, byte[] payload, String invokedArn) {
        Optional<Deployed> d = registry.invocable(function);
        if (d.isEmpty()) {
          return CompletableFuture.failedFuture(
              LambdaException.notFound("Function not found: " + invokedArn));
        }
        try {
          return invocations.invoke(
              d.get().spec(),
              new InvokeRequest(UUID.randomUUID().toString(), payload, invokedArn, null, false));
        } catch (LambdaException e) {
          return CompletableFuture.failedFuture(e);
        }
      }
    };
  }

  /** The event source mapping operations, to be asked before Lambda's service. */
  public Service api() {
    return api;
  }

  /** Starts polling for every enabled mapping. */
  public void start() {
    store.all().forEach(pollers::apply);
  }

  /** How many pollers mapping {@code uuid} runs now (0 when it is disabled or unknown). */
  public int pollers(String uuid) {
    return pollers.pollers(uuid);
  }

  @Override
  public void close() {
    pollers.close();
    store.close();
  }
}
