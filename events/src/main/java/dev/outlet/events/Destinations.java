package dev.outlet.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.api.Deployed;
import dev.outlet.api.FunctionRegistry;
import dev.outlet.api.FunctionSettings;
import dev.outlet.core.FunctionRef;
import dev.outlet.core.LambdaException;
import dev.outlet.invoke.EventQueue;
import dev.outlet.invoke.EventSettled;
import dev.outlet.invoke.InvokeOutcome;
import dev.outlet.invoke.InvokeRequest;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the end of an asynchronous invocation to the destination its event invoke configuration
 * names ({@code OnSuccess} or {@code OnFailure}), with AWS's invocation record: another function
 * (an asynchronous invocation of it) or an EventBridge bus (an event of source {@code lambda},
 * detail-type {@code Lambda Function Invocation Result - Success} or {@code - Failure}). Each
 * delivery runs on a virtual thread of its own, never on the thread that settled the event.
 */
final class Destinations implements Function<EventSettled, CompletionStage<Void>> {
  private static final Logger LOG = LoggerFactory.getLogger(Destinations.class);

  private final FunctionSettings settings;
  private final FunctionRegistry registry;
  private final EventQueue events;
  private final EventRouter router;
  private final QueueSender queues;
  private final InstantSource clock;
  private final String region;
  private final String account;

  Destinations(
      FunctionSettings settings,
      FunctionRegistry registry,
      EventQueue events,
      EventRouter router,
      QueueSender queues,
      InstantSource clock,
      String region,
      String account) {
    this.settings = settings;
    this.registry = registry;
    this.events = events;
    this.router = router;
    this.queues = queues;
    this.clock = clock;
    this.region = region;
    this.account = account;
  }

  /**
   * Sends {@code e} to its dead-letter queue and destination, each on a virtual thread of its own;
   * the stage completes once both were committed where they went (or failed, which is logged).
   */
  @Override
  public CompletionStage<Void> apply(EventSettled e) {
    boolean success = e instanceof EventSettled.Succeeded;
    CompletableFuture<Void> dead = CompletableFuture.completedFuture(null);
    if (e instanceof EventSettled.Failed f) {
      dead =
          registry
              .version(e.spec().functionName(), e.spec().version())
              .map(d -> d.record().config().deadLetterTargetArn())
              .map(dlq -> onVirtualThread(() -> deadLetter(dlq, f)))
              .orElse(dead);
    }
    CompletableFuture<Void> sent =
        settings
            .destinations(e.spec(), e.request().invokedFunctionArn())
            .map(d -> success ? d.onSuccess() : d.onFailure())
            .map(target -> onVirtualThread(() -> deliver(target, e, success)))
            .orElse(CompletableFuture.completedFuture(null));
    return CompletableFuture.allOf(dead, sent);
  }

  private static CompletableFuture<Void> onVirtualThread(Runnable work) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                work.run();
              } finally {
                done.complete(null);
              }
            });
    return done;
  }

  private void deliver(String target, EventSettled e, boolean success) {
    try {
      ObjectNode record = record(e);
      String[] arn = target.split(":", 7);
      String service = arn.length > 2 ? arn[2] : "";
      switch (service) {
        case "lambda" -> toFunction(target, record);
        case "events" -> toBus(target, record, success);
        case "sqs" -> {
          if (!queues.send(
              target, new String(bytes(record), StandardCharsets.UTF_8), Map.of(), Map.of())) {
            LOG.warn(
                "event {}: destination queue {} does not exist", e.request().requestId(), target);
          }
        }
        default ->
            LOG.warn(
                "event {}: Outlet cannot send to the destination {} yet",
                e.request().requestId(),
                target);
      }
    } catch (RuntimeException x) {
      LOG.warn("event {}: destination {} failed", e.request().requestId(), target, x);
    }
  }

  private void toFunction(String target, ObjectNode record) {
    String name;
    String invocable;
    try {
      FunctionRef ref = FunctionRef.parse(target);
      name = ref.name();
      invocable = ref.qualifier() == null ? name : name + ":" + ref.qualifier();
    } catch (LambdaException x) {
      LOG.warn("destination {} is not a function ARN", target);
      return;
    }
    if (registry.invocable(invocable).isEmpty()) {
      LOG.warn("destination {}: no such function", target);
      return;
    }
    events
        .accept(
            invocable,
            () -> registry.invocable(invocable).map(Deployed::spec),
            new InvokeRequest(UUID.randomUUID().toString(), bytes(record), target, null, false),
            Runnable::run)
        .join(); // journaled before the event it reports leaves the journal
  }

  private void toBus(String target, ObjectNode record, boolean success) {
    int slash = target.indexOf(":event-bus/");
    if (slash < 0) {
      LOG.warn("destination {} is not an event bus ARN", target);
      return;
    }
    String bus = target.substring(slash + ":event-bus/".length());
    String functionArn = record.at("/requestContext/functionArn").asText();
    router.route(
        bus,
        BusEvent.of(
            "lambda",
            success
                ? "Lambda Function Invocation Result - Success"
                : "Lambda Function Invocation Result - Failure",
            record,
            List.of(target, functionArn),
            clock.instant(),
            region,
            account));
  }

  /**
   * The event itself to the function's dead-letter queue, with AWS's attributes: {@code RequestID},
   * {@code ErrorCode} (200 when the function ran and failed) and {@code ErrorMessage}.
   */
  private void deadLetter(String queue, EventSettled.Failed f) {
    try {
      String message =
          f.outcome() == null
              ? "Event age exceeded or the function could not be run"
              : errorMessage(f.outcome().result().body());
      if (!queues.send(
          queue,
          new String(f.request().payload(), StandardCharsets.UTF_8),
          Map.of("RequestID", f.request().requestId(), "ErrorMessage", message),
          Map.of("ErrorCode", f.outcome() == null ? "500" : "200"))) {
        LOG.warn("event {}: dead-letter queue {} does not exist", f.request().requestId(), queue);
      }
    } catch (RuntimeException x) {
      LOG.warn("event {}: dead-letter queue {} failed", f.request().requestId(), queue, x);
    }
  }

  /** A function error's {@code errorMessage}, else its body, at most 1 KB. */
  private static String errorMessage(byte[] body) {
    JsonNode error = json(body);
    String text =
        error.hasNonNull("errorMessage")
            ? error.get("errorMessage").asText()
            : new String(body, StandardCharsets.UTF_8);
    return text.length() > 1024 ? text.substring(0, 1024) : text;
  }

  /** AWS's invocation record. */
  ObjectNode record(EventSettled e) {
    ObjectNode r = BusEvent.JSON.createObjectNode();
    r.put("version", "1.0");
    r.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
    ObjectNode context = r.putObject("requestContext");
    context.put("requestId", e.request().requestId());
    context.put(
        "functionArn",
        "arn:aws:lambda:"
            + region
            + ":"
            + account
            + ":function:"
            + e.spec().functionName()
            + ":"
            + e.spec().version());
    context.put("condition", e instanceof EventSettled.Failed f ? f.condition() : "Success");
    context.put("approximateInvokeCount", e.attempts());
    r.set("requestPayload", json(e.request().payload()));
    InvokeOutcome outcome =
        switch (e) {
          case EventSettled.Succeeded s -> s.outcome();
          case EventSettled.Failed f -> f.outcome();
        };
    if (outcome != null) {
      ObjectNode response = r.putObject("responseContext");
      response.put("statusCode", 200);
      response.put("executedVersion", outcome.executedVersion());
      if (outcome.result().failed()) {
        response.put("functionError", "Unhandled");
      }
      r.set("responsePayload", json(outcome.result().body()));
    }
    return r;
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return BusEvent.JSON.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A payload as JSON when it is, else as a string. */
  private static JsonNode json(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return BusEvent.JSON.nullNode();
    }
    try {
      return BusEvent.JSON.readTree(bytes);
    } catch (java.io.IOException | NumberFormatException e) {
      return BusEvent.JSON.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
    }
  }
}
