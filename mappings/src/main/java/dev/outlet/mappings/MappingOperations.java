package dev.outlet.mappings;

import dev.outlet.api.Deployed;
import dev.outlet.api.FunctionRegistry;
import dev.outlet.api.Paging;
import dev.outlet.api.WireJson;
import dev.outlet.core.Account;
import dev.outlet.core.FunctionRef;
import dev.outlet.core.LambdaException;
import dev.outlet.edge.Call;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import dev.outlet.sqs.QueueConsumer;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Create/Get/Update/Delete/ListEventSourceMappings for SQS queues, as Lambda answers them: a
 * create, update or delete answers 202 with the transitional state ({@code Creating}, {@code
 * Updating}, {@code Enabling}, {@code Disabling}, {@code Deleting}); reads show the settled one.
 * Each change is committed before the pollers change.
 */
final class MappingOperations {
  private static final String NOT_FOUND = "The resource you requested does not exist.";

  private final MappingStore store;
  private final Pollers pollers;
  private final FunctionRegistry registry;
  private final QueueConsumer queues;
  private final Account account;
  private final InstantSource clock;

  MappingOperations(
      MappingStore store,
      Pollers pollers,
      FunctionRegistry registry,
      QueueConsumer queues,
      Account account,
      InstantSource clock) {
    this.store = store;
    this.pollers = pollers;
    this.registry = registry;
    this.queues = queues;
    this.account = account;
    this.clock = clock;
  }

  Map<String, Operation> operations() {
    return Map.of(
        "CreateEventSourceMapping", this::create,
        "GetEventSourceMapping", this::get,
        "UpdateEventSourceMapping", this::update,
        "DeleteEventSourceMapping", this::delete,
        "ListEventSourceMappings", this::list);
  }

  /**
   * The function a mapping names, resolved: {@code name} or {@code name:qualifier}, and its ARN.
   */
  private record Target(String function, String arn, int timeout) {}

  private Target target(String functionName) {
    if (functionName == null) {
      throw LambdaException.invalidParameter("FunctionName is required.");
    }
    FunctionRef ref = FunctionRef.parse(functionName);
    String qualifier = ref.qualifier() == null ? "$LATEST" : ref.qualifier();
    Deployed d =
        registry
            .invocableWithoutRouting(ref.name(), qualifier)
            .orElseThrow(() -> LambdaException.notFound("Function does not exist"));
    String function = ref.qualifier() == null ? ref.name() : ref.name() + ":" + ref.qualifier();
    String arn =
        account.functionArn(ref.name()) + (ref.qualifier() == null ? "" : ":" + ref.qualifier());
    return new Target(function, arn, d.record().config().timeout());
  }

  private synchronized Object create(Call call) {
    MappingWire.Request in = WireJson.read(call.body(), MappingWire.Request.class);
    String source = queueArn(in.eventSourceArn());
    Target t = target(in.functionName());
    OptionalInt visibility = queues.visibilityTimeout(source);
    if (visibility.isEmpty()) {
      throw LambdaException.invalidParameter(
          "Error occurred while ReceiveMessage. SQS Error Code:"
              + " AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue"
              + " does not exist for this wsdl version. ("
              + source
              + ")");
    }
    MappingRules.Settings s = MappingRules.create(in, source.endsWith(".fifo"));
    MappingRules.visibilityCoversTimeout(visibility.getAsInt(), t.timeout());
    for (Mapping other : store.all()) {
      if (other.eventSourceArn().equals(source) && other.functionArn().equals(t.arn())) {
        throw LambdaException.conflict(
            "An event source mapping with SQS arn (\" "
                + source
                + " \") and function (\" "
                + other.functionName()
                + " \") already exists. Please update or delete the existing mapping with UUID "
                + other.uuid());
      }
    }
    Mapping m = mapping(UUID.randomUUID().toString(), source, t, s);
    store.put(m);
    pollers.apply(m);
    return Protocol.RestJson.reply(202, view(m, "Creating"));
  }

  private Mapping mapping(String uuid, String source, Target t, MappingRules.Settings s) {
    return new Mapping(
        uuid,
        source,
        t.function(),
        t.arn(),
        s.batchSize(),
        s.windowSeconds(),
        s.filters(),
        s.reportItemFailures(),
        s.maxConcurrency(),
        s.enabled(),
        clock.instant());
  }

  /** The queue ARN a mapping reads, checked: an SQS queue of this region and account. */
  private String queueArn(String arn) {
    if (arn == null || arn.isEmpty()) {
      throw LambdaException.invalidParameter(
          "EventSourceArn is required: Outlet's event source mappings read SQS queues.");
    }
    String[] parts = arn.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sqs")) {
      throw LambdaException.invalidParameter(
          "Unrecognized event source, must be kinesis, dynamodb stream or sqs: "
              + arn
              + " (Outlet's event source mappings read SQS queues).");
    }
    if (!parts[3].equals(account.region()) || !parts[4].equals(account.id())) {
      throw LambdaException.invalidParameter(
          "The queue "
              + arn
              + " is not in this region and account ("
              + account.region()
              + ", "
              + account.id()
              + ").");
    }
    return arn;
  }

  private Mapping find(Call call) {
    return store.find(call.label("UUID")).orElseThrow(() -> LambdaException.notFound(NOT_FOUND));
  }

  private Object get(Call call) {
    Mapping m = find(call);
    return Protocol.RestJson.reply(200, view(m, m.settledState()));
  }

  private synchronized Object update(Call call) {
    Mapping old = find(call);
    MappingWire.Request in = WireJson.read(call.body(), MappingWire.Request.class);
    if (in.eventSourceArn() != null) {
      throw LambdaException.invalidParameter(
          "EventSourceArn cannot be updated; create another mapping for another queue.");
    }
    Target t =
        in.functionName() == null
            ? new Target(old.function(), old.functionArn(), -1)
            : target(in.functionName());
    MappingRules.Settings s = MappingRules.update(in, old, old.eventSourceArn().endsWith(".fifo"));
    if (t.timeout() >= 0) {
      MappingRules.visibilityCoversTimeout(
          queues.visibilityTimeout(old.eventSourceArn()).orElse(Integer.MAX_VALUE), t.timeout());
    }
    Mapping m = mapping(old.uuid(), old.eventSourceArn(), t, s);
    store.put(m);
    pollers.apply(m);
    String state =
        m.enabled() == old.enabled() ? "Updating" : m.enabled() ? "Enabling" : "Disabling";
    return Protocol.RestJson.reply(202, view(m, state));
  }

  private synchronized Object delete(Call call) {
    Mapping m = find(call);
    store.delete(m.uuid());
    pollers.stop(m.uuid());
    return Protocol.RestJson.reply(202, view(m, "Deleting"));
  }

  private Object list(Call call) {
    String source = call.query("EventSourceArn");
    String function = call.query("FunctionName");
    FunctionRef ref = function == null ? null : FunctionRef.parse(function);
    List<Mapping> chosen =
        store.all().stream()
            .filter(m -> source == null || m.eventSourceArn().equals(source))
            .filter(m -> ref == null || names(m, ref))
            .toList();
    Paging.Page<MappingWire.Configuration> page =
        Paging.page(
            chosen,
            call.query("Marker"),
            call.query("MaxItems"),
            Mapping::uuid,
            m -> view(m, m.settledState()));
    return Protocol.RestJson.reply(
        200, new MappingWire.ListResponse(page.nextMarker(), page.items()));
  }

  /** Whether {@code m} invokes what {@code ref} names (any qualifier when it names none). */
  private static boolean names(Mapping m, FunctionRef ref) {
    if (!m.functionName().equals(ref.name())) {
      return false;
    }
    return ref.qualifier() == null || m.function().equals(ref.name() + ":" + ref.qualifier());
  }

  private MappingWire.Configuration view(Mapping m, String state) {
    return new MappingWire.Configuration(
        m.uuid(),
        m.batchSize(),
        m.windowSeconds(),
        m.eventSourceArn(),
        m.filters().isEmpty()
            ? null
            : new MappingWire.FilterCriteria(
                m.filters().stream().map(MappingWire.Filter::new).toList()),
        m.functionArn(),
        m.lastModified().toEpochMilli() / 1000.0,
        state,
        "USER_INITIATED",
        m.reportItemFailures() ? List.of("ReportBatchItemFailures") : List.of(),
        m.maxConcurrency() == null ? null : new MappingWire.ScalingConfig(m.maxConcurrency()),
        "arn:aws:lambda:"
            + account.region()
            + ":"
            + account.id()
            + ":event-source-mapping:"
            + m.uuid());
  }
}
