package dev.outlet.api;

import dev.outlet.api.SettingsWire.DestinationConfig;
import dev.outlet.api.SettingsWire.EventInvokeConfig;
import dev.outlet.api.SettingsWire.ListEventInvokeConfigsResponse;
import dev.outlet.api.SettingsWire.RecursionConfig;
import dev.outlet.api.SettingsWire.RuntimeManagementConfig;
import dev.outlet.core.Account;
import dev.outlet.core.LambdaException;
import dev.outlet.edge.Call;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings AWS answers on every read: recursion detection, runtime management, and asynchronous
 * invocation (retries, maximum event age, destinations), per function or per version and alias,
 * stored in {@link FunctionSettings}. The event queue reads the asynchronous ones ({@link
 * #eventInvokeConfig}).
 */
final class SettingsOperations {
  static final String RECURSION = "recursion";
  static final String RUNTIME = "runtime-management:";
  static final String EVENT_INVOKE = "event-invoke:";

  private final FunctionSettings settings;
  private final FunctionRegistry registry;
  private final Account account;
  private final QueueDirectory queues;

  SettingsOperations(
      FunctionSettings settings,
      FunctionRegistry registry,
      Account account,
      QueueDirectory queues) {
    this.settings = settings;
    this.registry = registry;
    this.account = account;
    this.queues = queues;
  }

  Map<String, Operation> operations() {
    return Map.of(
        "GetFunctionRecursionConfig", this::getRecursion,
        "PutFunctionRecursionConfig", this::putRecursion,
        "GetRuntimeManagementConfig", this::getRuntime,
        "PutRuntimeManagementConfig", this::putRuntime,
        "PutFunctionEventInvokeConfig", call -> putEventInvoke(call, false),
        "UpdateFunctionEventInvokeConfig", call -> putEventInvoke(call, true),
        "GetFunctionEventInvokeConfig", this::getEventInvoke,
        "DeleteFunctionEventInvokeConfig", this::deleteEventInvoke,
        "ListFunctionEventInvokeConfigs", this::listEventInvoke);
  }

  // ---- recursion

  private Object getRecursion(Call call) {
    String name = unqualified(call);
    return Protocol.RestJson.reply(
        200,
        settings
            .get(name, RECURSION, RecursionConfig.class)
            .orElse(new RecursionConfig("Terminate")));
  }

  private Object putRecursion(Call call) {
    String name = unqualified(call);
    RecursionConfig in = WireJson.read(call.body(), RecursionConfig.class);
    enumValue(in.recursiveLoop(), "recursiveLoop", "Allow", "Terminate");
    settings.put(name, RECURSION, in);
    return Protocol.RestJson.reply(200, in);
  }

  // ---- runtime management

  private Object getRuntime(Call call) {
    Qualifiers.Target t = target(call);
    RuntimeManagementConfig stored =
        settings
            .get(t.name(), RUNTIME + key(t), RuntimeManagementConfig.class)
            .orElse(new RuntimeManagementConfig("Auto", null, null));
    return Protocol.RestJson.reply(
        200,
        new RuntimeManagementConfig(
            stored.updateRuntimeOn(), stored.runtimeVersionArn(), arn(call, t)));
  }

  private Object putRuntime(Call call) {
    Qualifiers.Target t = target(call);
    RuntimeManagementConfig in = WireJson.read(call.body(), RuntimeManagementConfig.class);
    enumValue(in.updateRuntimeOn(), "updateRuntimeOn", "Auto", "FunctionUpdate", "Manual");
    if (in.updateRuntimeOn().equals("Manual") && in.runtimeVersionArn() == null) {
      throw LambdaException.invalidParameter(
          "RuntimeVersionArn must be specified when UpdateRuntimeOn is Manual.");
    }
    if (!in.updateRuntimeOn().equals("Manual") && in.runtimeVersionArn() != null) {
      throw LambdaException.invalidParameter(
          "RuntimeVersionArn can be specified only when UpdateRuntimeOn is Manual.");
    }
    RuntimeManagementConfig stored =
        new RuntimeManagementConfig(in.updateRuntimeOn(), in.runtimeVersionArn(), null);
    settings.put(t.name(), RUNTIME + key(t), stored);
    return Protocol.RestJson.reply(
        200,
        new RuntimeManagementConfig(
            stored.updateRuntimeOn(), stored.runtimeVersionArn(), arn(call, t)));
  }

  // ---- asynchronous invocation

  private Object putEventInvoke(Call call, boolean merge) {
    Qualifiers.Target t = target(call);
    EventInvokeConfig in = WireJson.read(call.body(), EventInvokeConfig.class);
    Integer retries = in.maximumRetryAttempts();
    Integer age = in.maximumEventAgeInSeconds();
    if (retries != null && (retries < 0 || retries > 2)) {
      throw LambdaException.validation(
          retries.toString(),
          "maximumRetryAttempts",
          retries < 0
              ? "Member must have value greater than or equal to 0"
              : "Member must have value less than or equal to 2");
    }
    if (age != null && (age < 60 || age > 21600)) {
      throw LambdaException.validation(
          age.toString(),
          "maximumEventAgeInSeconds",
          age < 60
              ? "Member must have value greater than or equal to 60"
              : "Member must have value less than or equal to 21600");
    }
    if (in.destinationConfig() != null) {
      destination(in.destinationConfig().onSuccess(), "OnSuccess");
      destination(in.destinationConfig().onFailure(), "OnFailure");
    }
    Optional<EventInvokeConfig> old =
        merge
            ? settings.get(t.name(), EVENT_INVOKE + key(t), EventInvokeConfig.class)
            : Optional.empty();
    EventInvokeConfig stored =
        new EventInvokeConfig(
            System.currentTimeMillis() / 1000.0,
            null,
            retries != null
                ? retries
                : old.map(EventInvokeConfig::maximumRetryAttempts).orElse(null),
            age != null ? age : old.map(EventInvokeConfig::maximumEventAgeInSeconds).orElse(null),
            in.destinationConfig() != null
                ? in.destinationConfig()
                : old.map(EventInvokeConfig::destinationConfig)
                    .orElse(new DestinationConfig(null, null)));
    settings.put(t.name(), EVENT_INVOKE + key(t), stored);
    return Protocol.RestJson.reply(200, shown(stored, eventArn(call, t)));
  }

  private Object getEventInvoke(Call call) {
    Qualifiers.Target t = target(call);
    EventInvokeConfig stored =
        settings
            .get(t.name(), EVENT_INVOKE + key(t), EventInvokeConfig.class)
            .orElseThrow(
                () ->
                    LambdaException.notFound(
                        "The function "
                            + eventArn(call, t)
                            + " doesn't have an EventInvokeConfig"));
    return Protocol.RestJson.reply(200, shown(stored, eventArn(call, t)));
  }

  private Object deleteEventInvoke(Call call) {
    Qualifiers.Target t = target(call);
    if (settings.get(t.name(), EVENT_INVOKE + key(t), EventInvokeConfig.class).isEmpty()) {
      throw LambdaException.notFound(
          "The function " + eventArn(call, t) + " doesn't have an EventInvokeConfig");
    }
    settings.delete(t.name(), EVENT_INVOKE + key(t));
    return Protocol.RestJson.reply(204, null);
  }

  private Object listEventInvoke(Call call) {
    String name = unqualified(call);
    Account in = account(call);
    List<EventInvokeConfig> all = new ArrayList<>();
    settings
        .all(name, EVENT_INVOKE, EventInvokeConfig.class)
        .forEach(
            (k, c) ->
                all.add(shown(c, in.functionArn(name) + ":" + k.substring(EVENT_INVOKE.length()))));
    Paging.Page<EventInvokeConfig> page =
        Paging.page(
            all,
            call.query("Marker"),
            call.query("MaxItems"),
            EventInvokeConfig::functionArn,
            c -> c);
    return Protocol.RestJson.reply(
        200, new ListEventInvokeConfigsResponse(page.items(), page.nextMarker()));
  }

  /**
   * The asynchronous invocation settings of {@code name} at {@code qualifier} ("$LATEST" or a
   * version number), if any: what the event queue applies.
   */
  static Optional<EventInvokeConfig> eventInvokeConfig(
      FunctionSettings settings, String name, String qualifier) {
    return settings.get(name, EVENT_INVOKE + qualifier, EventInvokeConfig.class);
  }

  private static final java.util.regex.Pattern DESTINATION =
      java.util.regex.Pattern.compile(
          "arn:aws[a-zA-Z-]*:(lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9-_]+(:[a-zA-Z0-9-_$]+)?"
              + "|sqs:[a-z0-9-]+:\\d{12}:[a-zA-Z0-9-_]+(\\.fifo)?"
              + "|sns:[a-z0-9-]+:\\d{12}:[a-zA-Z0-9-_]+(\\.fifo)?"
              + "|events:[a-z0-9-]+:\\d{12}:event-bus/[/\\.\\-_A-Za-z0-9]+"
              + "|s3:::[a-z0-9.-]{3,63})");

  /** A destination: an ARN of a function, queue, topic, event bus or bucket, as AWS accepts. */
  private void destination(SettingsWire.Destination d, String member) {
    if (d == null) {
      return;
    }
    if (d.destination() == null) {
      throw LambdaException.invalidParameter(
          "The Destination field is required for an " + member + " configuration.");
    }
    if (!DESTINATION.matcher(d.destination()).matches()) {
      throw LambdaException.invalidParameter(
          "The destination ARN " + d.destination() + " is invalid.");
    }
    if (d.destination().startsWith("arn:aws:sqs:") && d.destination().endsWith(".fifo")) {
      throw LambdaException.invalidParameter(
          "The destination ARN "
              + d.destination()
              + " is invalid: a FIFO queue cannot be a destination; use a standard queue.");
    }
    if (d.destination().startsWith("arn:aws:sqs:") && !queues.exists(d.destination())) {
      throw LambdaException.invalidParameter(
          "The destination ARN " + d.destination() + " is invalid: the queue does not exist.");
    }
  }

  private static EventInvokeConfig shown(EventInvokeConfig c, String arn) {
    return new EventInvokeConfig(
        c.lastModified(),
        arn,
        c.maximumRetryAttempts(),
        c.maximumEventAgeInSeconds(),
        c.destinationConfig());
  }

  private static void enumValue(String value, String member, String... allowed) {
    if (value == null || !List.of(allowed).contains(value)) {
      throw LambdaException.validation(
          String.valueOf(value),
          member,
          "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
    }
  }

  private Qualifiers.Target target(Call call) {
    return Qualifiers.target(
        call.label("FunctionName"), call.query("Qualifier"), account(call), registry, false);
  }

  private String unqualified(Call call) {
    return Qualifiers.unqualified(call.label("FunctionName"), account(call), registry);
  }

  /** The storage key of a target's qualifier: "$LATEST" when none was given. */
  private static String key(Qualifiers.Target t) {
    return t.qualifier() == null ? "$LATEST" : t.qualifier();
  }

  private String arn(Call call, Qualifiers.Target t) {
    return t.arn(account(call));
  }

  /** AWS names an event invoke configuration's function with its qualifier, $LATEST included. */
  private String eventArn(Call call, Qualifiers.Target t) {
    return account(call).functionArn(t.name()) + ":" + key(t);
  }

  private Account account(Call call) {
    return account.inRegion(call.identity().regionOr(null));
  }
}
