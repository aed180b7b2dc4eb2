package dev.outlet.mappings;

import dev.outlet.api.Deployed;
import dev.outlet.api.FunctionRegistry;
import dev.outlet.api.LambdaErrors;
import dev.outlet.core.Account;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Limits;
import dev.outlet.edge.Access;
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
  private static final String ROOT = "/2015-03-31/event-source-mappings";

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
    MappingStore store = MappingStore.open(dataDir);
    Pollers pollers = new Pollers(queues, calls(registry, invocations), account.region());
    MappingOperations ops = new MappingOperations(store, pollers, registry, queues, account, clock);
    Service api =
        new Service(
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
            ops.operations(),
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
    return new EventSourceMappings(store, pollers, api);
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
