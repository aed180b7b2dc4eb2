package dev.outlet.sandbox;

import dev.outlet.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The extensions of one sandbox, as the Extensions API sees them (lambda-contract.md, AWS's
 * "Extensions API"): the external ones, executables in {@code /opt/extensions} started before the
 * runtime, and internal ones registered from the runtime's own process. Thread-safe (its own lock,
 * held briefly); events are handed to parked requests after the lock is released.
 *
 * <p>Lifecycle, as on Lambda: the runtime starts once every external extension has registered
 * ({@code onAllRegistered}); init is over when the runtime and every registered extension have
 * asked for their next event ({@link #initDone}); each invocation's INVOKE goes to the extensions
 * registered for it, and the invocation ends ({@link #settled}) when each of them has asked for its
 * next event again; a sandbox that stops sends SHUTDOWN to those registered for it and waits for
 * them ({@link #shutdown}) up to its deadline.
 */
public final class Extensions {
  /** At most this many extensions per function, as on Lambda. */
  public static final int MAX = 10;

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  /** The events an extension may register for. */
  public enum EventType {
    INVOKE,
    SHUTDOWN
  }

  /** Why a sandbox shuts down, as the SHUTDOWN event says it. */
  public enum ShutdownReason {
    SPINDOWN,
    TIMEOUT,
    FAILURE;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What the Extensions API answers. */
  public sealed interface Reply {
    /** Registered: the identifier to send back in {@code Lambda-Extension-Identifier}. */
    record Registered(String id) implements Reply {}

    /** 202 {"status":"OK"}. */
    record Accepted() implements Reply {}

    /** AWS's error status, type and message. */
    record Refused(int status, String errorType, String message) implements Reply {}
  }

  static final Reply ACCEPTED = new Reply.Accepted();

  private static final class Extension {
    final String id = UUID.randomUUID().toString();
    final String name;
    final boolean external;
    final Set<EventType> events;
    boolean ready; // asked for an event at least once
    boolean waiting; // done with its last event
    boolean exited; // said it exits (exit/error)
    Consumer<byte[]> parked;
    final ArrayDeque<byte[]> pending = new ArrayDeque<>();

    Extension(String name, boolean external, Set<EventType> events) {
      this.name = name;
      this.external = external;
      this.events = events;
    }

    boolean owes(EventType type) {
      return events.contains(type) && !exited && (!waiting || !pending.isEmpty());
    }
  }

  private final List<String> expected;
  private final Map<String, Extension> byId = new LinkedHashMap<>();
  private Runnable onAllRegistered = () -> {};
  private Runnable onInitDone = () -> {};
  private BiConsumer<String, Set<EventType>> onReady = (name, events) -> {};
  private boolean listening;
  private final List<Extension> readyEarly = new ArrayList<>(1);
  private boolean released;
  private boolean runtimeAsked;
  private boolean initDone;
  private boolean initTold; // onInitDone ran (or is about to): init may end before listen()
  private CompletableFuture<Void> settled = DONE;
  private CompletableFuture<Void> shutdown;

  /**
   * @param expected the names of the executables in {@code /opt/extensions}
   */
  public Extensions(List<String> expected) {
    this.expected = List.copyOf(expected);
  }

  /** Whether the function has external extensions. */
  public boolean external() {
    return !expected.isEmpty();
  }

  /**
   * Sets what runs once every external extension registered (at once if there are none), once init
   * is over, and each time an extension first asks for an event (its name and events).
   */
  void listen(Runnable allRegistered, Runnable initOver, BiConsumer<String, Set<EventType>> ready) {
    boolean releaseNow;
    boolean initNow;
    List<Extension> early;
    synchronized (this) {
      this.onAllRegistered = allRegistered;
      this.onInitDone = initOver;
      this.onReady = ready;
      listening = true;
      releaseNow = !released && allExternalRegistered();
      released |= releaseNow;
      early = List.copyOf(readyEarly);
      readyEarly.clear();
      initNow = initDone && !initTold; // the runtime asked before the sandbox listened
      initTold |= initNow;
    }
    for (Extension e : early) {
      ready.accept(e.name, e.events);
    }
    if (releaseNow) {
      allRegistered.run();
    }
    if (initNow) {
      initOver.run();
    }
  }

  // ---- the Extensions API ----

  /** {@code POST /2020-01-01/extension/register}. */
  public Reply register(String name, List<String> eventNames) {
    if (name == null || name.isEmpty()) {
      return new Reply.Refused(403, "Extension.InvalidExtensionName", "Empty extension name");
    }
    boolean external = expected.contains(name);
    Set<EventType> events = EnumSet.noneOf(EventType.class);
    for (String e : eventNames) {
      EventType type = eventType(e);
      if (type == null || (!external && type == EventType.SHUTDOWN)) {
        return new Reply.Refused(
            403,
            "Extension.InvalidEventType",
            e
                + ": "
                + (type == null
                    ? "invalid event type"
                    : "internal extensions cannot register for the SHUTDOWN event"));
      }
      events.add(type);
    }
    Extension made;
    boolean releaseNow;
    synchronized (this) {
      if (initDone) {
        return new Reply.Refused(
            403, "Extension.RegistrationClosed", "Extension registration closed already");
      }
      for (Extension e : byId.values()) {
        if (e.name.equals(name)) {
          return new Reply.Refused(
              403,
              "Extension.InvalidExtensionState",
              external
                  ? "State transition from Registered to Registered failed for extension "
                      + name
                      + ". Error: State transition is not allowed"
                  : "Extension with this name already registered");
        }
      }
      if (byId.size() >= MAX) {
        return new Reply.Refused(
            403, "Extension.TooManyExtensions", "Extension limit (" + MAX + ") reached");
      }
      made = new Extension(name, external, events);
      byId.put(made.id, made);
      releaseNow = listening && !released && allExternalRegistered();
      released |= releaseNow;
    }
    if (releaseNow) {
      onAllRegistered.run();
    }
    return new Reply.Registered(made.id);
  }

  private static EventType eventType(String name) {
    for (EventType t : EventType.values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }

  private boolean allExternalRegistered() {
    int registered = 0;
    for (Extension e : byId.values()) {
      if (e.external) {
        registered++;
      }
    }
    return registered == expected.size();
  }

  /**
   * {@code GET /2020-01-01/extension/event/next}: the extension is done with its last event; {@code
   * deliver} gets the next one, now or when it comes. Null when the identifier is known, else the
   * refusal.
   */
  public Reply.Refused next(String id, Consumer<byte[]> deliver) {
    Reply.Refused unknown = unknown(id);
    if (unknown != null) {
      return unknown;
    }
    byte[] now = null;
    boolean firstReady;
    List<Runnable> after = new ArrayList<>(2);
    synchronized (this) {
      Extension e = byId.get(id);
      firstReady = !e.ready;
      e.ready = true;
      e.waiting = true;
      e.parked = null;
      if (!e.pending.isEmpty()) {
        now = e.pending.poll();
        e.waiting = false;
      } else {
        e.parked = deliver;
      }
      if (firstReady && listening) {
        Extension ready = e;
        BiConsumer<String, Set<EventType>> told = onReady;
        after.add(() -> told.accept(ready.name, ready.events));
      } else if (firstReady) {
        readyEarly.add(e);
      }
      collectCompletions(after);
    }
    after.forEach(Runnable::run);
    if (now != null) {
      deliver.accept(now);
    }
    return null;
  }

  /** The name of the extension {@code id} identifies, or null. */
  public synchronized String nameOf(String id) {
    Extension e = id == null ? null : byId.get(id);
    return e == null ? null : e.name;
  }

  /** {@code POST /2020-01-01/extension/init/error}: init fails with the extension's error. */
  public Reply initError(String id, Consumer<String> fail, String errorType) {
    Reply.Refused unknown = unknown(id);
    if (unknown != null) {
      return unknown;
    }
    fail.accept(errorType);
    return ACCEPTED;
  }

  /** {@code POST /2020-01-01/extension/exit/error}: the extension is leaving. */
  public Reply exitError(String id) {
    Reply.Refused unknown = unknown(id);
    if (unknown != null) {
      return unknown;
    }
    List<Runnable> after = new ArrayList<>(2);
    synchronized (this) {
      Extension e = byId.get(id);
      e.exited = true;
      e.parked = null;
      e.pending.clear();
      collectCompletions(after);
    }
    after.forEach(Runnable::run);
    return ACCEPTED;
  }

  private synchronized Reply.Refused unknown(String id) {
    if (id == null || id.isEmpty()) {
      return new Reply.Refused(
          403, "Extension.MissingExtensionIdentifier", "Missing extension identifier");
    }
    if (!byId.containsKey(id)) {
      return new Reply.Refused(
          403, "Extension.UnknownExtensionIdentifier", "Unknown extension " + id);
    }
    return null;
  }

  // ---- the sandbox's side ----

  /** The runtime asked for its first event. */
  void runtimeAsked() {
    List<Runnable> after = new ArrayList<>(1);
    synchronized (this) {
      runtimeAsked = true;
      collectCompletions(after);
    }
    after.forEach(Runnable::run);
  }

  /** Whether init is over: the runtime and every registered extension asked for an event. */
  synchronized boolean initDone() {
    return initDone;
  }

  /**
   * Sends INVOKE to the extensions registered for it; {@link #settled} completes when each has
   * asked for its next event.
   */
  void invoke(Invocation inv) {
    String body =
        "{\"eventType\":\"INVOKE\",\"deadlineMs\":"
            + inv.deadlineEpochMillis()
            + ",\"requestId\":\""
            + inv.requestId()
            + "\",\"invokedFunctionArn\":\""
            + Json.escape(inv.invokedFunctionArn())
            + "\",\"tracing\":{\"type\":\"X-Amzn-Trace-Id\",\"value\":\""
            + Json.escape(inv.traceId())
            + "\"}}";
    send(EventType.INVOKE, body.getBytes(StandardCharsets.UTF_8), true);
  }

  /** Completes when the extensions are done with the current invocation. */
  synchronized CompletableFuture<Void> settled() {
    return settled;
  }

  /**
   * Sends SHUTDOWN to the extensions registered for it; the future completes when each has asked
   * for its next event (or said it exits). The caller bounds the wait by {@code deadlineEpochMs}.
   */
  CompletableFuture<Void> shutdown(ShutdownReason reason, long deadlineEpochMs) {
    String body =
        "{\"eventType\":\"SHUTDOWN\",\"shutdownReason\":\""
            + reason.wire()
            + "\",\"deadlineMs\":"
            + deadlineEpochMs
            + "}";
    return send(EventType.SHUTDOWN, body.getBytes(StandardCharsets.UTF_8), false);
  }

  /** Whether any registered extension takes SHUTDOWN events. */
  synchronized boolean wantShutdown() {
    for (Extension e : byId.values()) {
      if (e.events.contains(EventType.SHUTDOWN) && !e.exited && e.ready) {
        return true;
      }
    }
    return false;
  }

  private CompletableFuture<Void> send(EventType type, byte[] body, boolean invoke) {
    List<Map.Entry<Consumer<byte[]>, byte[]>> deliveries = new ArrayList<>(2);
    CompletableFuture<Void> waiting;
    synchronized (this) {
      boolean any = false;
      for (Extension e : byId.values()) {
        if (!e.events.contains(type) || e.exited) {
          continue;
        }
        any = true;
        if (e.parked != null) {
          deliveries.add(Map.entry(e.parked, body));
          e.parked = null;
          e.waiting = false;
        } else {
          e.pending.add(body);
        }
      }
      waiting = any ? new CompletableFuture<>() : DONE;
      if (invoke) {
        settled = waiting;
      } else {
        shutdown = waiting;
      }
    }
    for (Map.Entry<Consumer<byte[]>, byte[]> d : deliveries) {
      d.getKey().accept(d.getValue());
    }
    return waiting;
  }

  /** Under the lock: what completes now, to run after it. */
  private void collectCompletions(List<Runnable> after) {
    if (!initDone && runtimeAsked && allReady()) {
      initDone = true;
      if (listening) {
        initTold = true;
        after.add(onInitDone);
      }
    }
    if (!settled.isDone() && !owing(EventType.INVOKE)) {
      CompletableFuture<Void> s = settled;
      after.add(() -> s.complete(null));
    }
    if (shutdown != null && !shutdown.isDone() && !owing(EventType.SHUTDOWN)) {
      CompletableFuture<Void> s = shutdown;
      after.add(() -> s.complete(null));
    }
  }

  private boolean allReady() {
    if (!allExternalRegistered()) {
      return false;
    }
    for (Extension e : byId.values()) {
      if (!e.ready && !e.exited) {
        return false;
      }
    }
    return true;
  }

  private boolean owing(EventType type) {
    for (Extension e : byId.values()) {
      if (e.owes(type)) {
        return true;
      }
    }
    return false;
  }
}
