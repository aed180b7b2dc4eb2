package dev.outlet.sandbox;

import dev.outlet.core.FunctionErrorType;
import dev.outlet.core.Limits;
import dev.outlet.core.Ticker;
import dev.outlet.telemetry.PlatformLog;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One execution environment: a runtime process, its Runtime API endpoint, its log stream, and the
 * invocation it is serving.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>A sandbox is lent to at most one invocation at a time ({@link #lend}); every lend is
 *       matched by exactly one {@link #release} or {@link #stop}, done by the invoker.
 *   <li>The runtime drives it through {@link #next}, {@link #respond}, {@link #error} and {@link
 *       #initError}; each returns a {@link Reply} the Runtime API adapter turns into a status.
 *   <li>State changes happen under this object's lock and follow {@link SandboxState}'s table;
 *       futures are completed and callbacks run after the lock is released.
 *   <li>When the process dies, the invocation it was serving (if any) ends with {@code
 *       Runtime.ExitError}, and the owner's termination listener is told.
 *   <li>Durations and idle times are read from the injected {@link Ticker}, deadlines from the
 *       injected {@link InstantSource}: the invoker and the pool must be given the same ones.
 * </ol>
 */
public final class Sandbox {

  /** What the Runtime API adapter answers the runtime. */
  public enum Reply {
    ACCEPTED,
    INVALID_REQUEST_ID,
    INVALID_STATE
  }

  /** How long extensions registered for SHUTDOWN have to finish, as on Lambda. */
  static final long SHUTDOWN_MILLIS = 2000;

  private final String id;
  private final SandboxSpec spec;
  private final Extensions extensions;
  private final TelemetryHub telemetry;
  private boolean runtimeAsked;
  private final PlatformLog platformLog;
  private final Ticker ticker;
  private final InstantSource clock;
  private long launchNanos; // guarded by this
  private SandboxState state = SandboxState.STARTING;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private Invocation current;
  private boolean initialized;
  private long initNanos = -1;
  private long deliveredNanos;
  private boolean initReported;
  private Consumer<Invocation> parked;
  private Consumer<Sandbox> onTerminated = s -> {};
  private LaunchedProcess process;
  private LogPump pump;
  private RuntimeEndpoint endpoint;
  private long idleSinceNanos;
  private Invocation lastDelivered;
  private String lastRequestId;
  private boolean exited;
  private int exitCode;
  private TailBuffer initTail = new TailBuffer(Limits.LOG_TAIL);
  private volatile Thread servedBy;
  private final long createdNanos;
  private int lent;

  Sandbox(String id, SandboxSpec spec, Ticker ticker, InstantSource clock) {
    this(id, spec, ticker, clock, java.util.List.of());
  }

  /**
   * @param extensions the names of the executables in the sandbox's {@code /opt/extensions}
   */
  Sandbox(
      String id,
      SandboxSpec spec,
      Ticker ticker,
      InstantSource clock,
      java.util.List<String> extensions) {
    this.id = id;
    this.spec = spec;
    this.extensions = new Extensions(extensions);
    this.telemetry = new TelemetryHub(this::namespace);
    this.platformLog = PlatformLog.of(spec.logging());
    this.ticker = ticker;
    this.clock = clock;
    this.launchNanos = ticker.nanos();
    this.createdNanos = launchNanos;
  }

  /** When the sandbox was made, on its ticker (its lifetime counts from here). */
  public long createdNanos() {
    return createdNanos;
  }

  /**
   * The runtime process is about to start: Init Duration counts from here, as Lambda's counts the
   * init phase and not the environment's creation (Outlet's endpoint, scratch folder, cgroup).
   */
  synchronized void launching() {
    launchNanos = ticker.nanos();
  }

  /** Attaches what the factory started; called once, before the sandbox is shared. */
  void attach(RuntimeEndpoint endpoint, LogPump pump) {
    this.endpoint = endpoint;
    this.pump = pump;
    pump.capture(initTail); // INIT_START and the runtime's init output, for the first Tail
  }

  void attachProcess(LaunchedProcess process) {
    boolean initEnded;
    synchronized (this) {
      this.process = process;
      initEnded = initialized; // the runtime was quicker than this call
    }
    if (initEnded) {
      process.initDone();
    }
    process.onExit().thenAccept(this::processExited);
    pump.tap(telemetry);
    extensions.listen(
        process::releaseRuntime,
        this::initOver,
        (name, events) ->
            platform(l -> l.extension(name, events.stream().map(Enum::name).toList())));
  }

  private NetNamespace namespace() {
    LaunchedProcess p;
    synchronized (this) {
      p = process;
    }
    return p == null ? null : p.namespace();
  }

  /** The sandbox's extensions, as the Extensions API reaches them. */
  public Extensions extensions() {
    return extensions;
  }

  /** The sandbox's Telemetry API subscriptions. */
  public TelemetryHub telemetry() {
    return telemetry;
  }

  /** Notes an extension's telemetry subscription in the log, as Lambda does. */
  public void subscribed(TelemetryHub.Subscription s) {
    telemetry.subscribe(s);
    boolean logsApi = s.api() == TelemetryHub.Api.LOGS;
    platform(l -> l.subscription(s.extension(), java.util.List.copyOf(s.types()), logsApi));
  }

  public String id() {
    return id;
  }

  public SandboxSpec spec() {
    return spec;
  }

  /** The platform's lines in the format of the function's LoggingConfig. */
  public PlatformLog platformLog() {
    return platformLog;
  }

  public synchronized SandboxState state() {
    return state;
  }

  /** When the sandbox last became idle ({@link Ticker} nanoseconds). */
  public synchronized long idleSinceNanos() {
    return idleSinceNanos;
  }

  public void onTerminated(Consumer<Sandbox> listener) {
    this.onTerminated = listener;
  }

  // ---- invoker side ----

  /** Lends the sandbox to {@code inv}; delivers it at once when the runtime is waiting. */
  public void lend(Invocation inv) {
    Consumer<Invocation> deliver = null;
    boolean first = false;
    int diedWith = -1;
    synchronized (this) {
      if (exited) {
        diedWith = exitCode;
      } else {
        state = state.check(SandboxState.BUSY);
        current = inv;
        lent++;
        lastRequestId = inv.requestId();
        if (initialized) {
          deliver = parked;
          parked = null;
          if (deliver != null) {
            first = markDelivered(inv);
          }
        }
      }
    }
    if (diedWith >= 0) {
      // the runtime died between its start and this hand-over (processExited found no
      // invocation): it fails as it would have a moment later
      inv.complete(exitFailure(inv, diedWith));
    } else if (deliver != null) {
      hand(inv, deliver, first);
    }
  }

  /** Gives the event to the runtime, and INVOKE to the extensions on its first delivery. */
  private void hand(Invocation inv, Consumer<Invocation> deliver, boolean first) {
    if (first) {
      extensions.invoke(inv);
    }
    deliver.accept(inv);
  }

  /**
   * Completes when the extensions registered for INVOKE are done with the current invocation (at
   * once without them): its REPORT and the sandbox's next invocation wait for it, as on Lambda.
   */
  public java.util.concurrent.CompletableFuture<Void> settled() {
    return extensions.settled();
  }

  /** Returns a healthy sandbox to the idle state. */
  public void release() {
    synchronized (this) {
      state = state.check(SandboxState.IDLE);
      current = null;
      idleSinceNanos = ticker.nanos();
    }
    pump.capture(null);
    if (process != null) {
      process.resetPeak(); // Max Memory Used is per invocation where the kernel allows
    }
  }

  /** Stops the sandbox: kills its process tree and closes its endpoint. Idempotent. */
  public void stop() {
    stop(Extensions.ShutdownReason.SPINDOWN);
  }

  /**
   * Stops the sandbox. Extensions registered for SHUTDOWN get it first, with {@code reason}, and up
   * to {@value #SHUTDOWN_MILLIS} ms to finish; then the process tree is killed and the endpoint
   * closed. Idempotent.
   */
  public void stop(Extensions.ShutdownReason reason) {
    boolean graceful;
    synchronized (this) {
      if (state == SandboxState.STOPPING || state == SandboxState.STOPPED) {
        return;
      }
      state = state.check(SandboxState.STOPPING);
      if (exited) {
        state = state.check(SandboxState.STOPPED);
      }
      graceful = !exited && endpoint != null && extensions.wantShutdown();
    }
    if (!graceful) {
      kill();
      return;
    }
    extensions
        .shutdown(reason, clock.millis() + SHUTDOWN_MILLIS)
        .completeOnTimeout(null, SHUTDOWN_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .whenComplete((v, e) -> kill());
  }

  private void kill() {
    telemetry.close();
    if (process != null) {
      process.kill();
    }
    if (endpoint != null) {
      endpoint.close();
    }
  }

  /**
   * Sends the sandbox's lines to {@code inv}'s tail although the event never reached the runtime
   * (init failed), with the init lines first.
   */
  public void captureUndelivered(Invocation inv) {
    synchronized (this) {
      if (initTail != null && inv.tail() != null) {
        inv.tail().addAll(initTail);
      }
      initTail = null;
    }
    pump.capture(inv.tail());
  }

  /** Whether the runtime has called {@code /next} at least once (init finished). */
  /**
   * Completes when the runtime first asks for work: its init is over (a sandbox that dies first
   * never completes it; its termination listeners run instead).
   */
  public CompletableFuture<Void> ready() {
    return ready;
  }

  public synchronized boolean initialized() {
    return initialized;
  }

  /**
   * The Init Duration to report with the current invocation, in ms, once per sandbox (the first
   * invocation after a cold start); a negative value otherwise.
   */
  public synchronized double takeInitMillis() {
    if (initReported) {
      return -1;
    }
    initReported = true;
    long nanos = initNanos >= 0 ? initNanos : ticker.nanos() - launchNanos;
    return nanos / 1e6;
  }

  /** How many invocations this sandbox was lent to (the one it serves now included). */
  public synchronized int invocationsServed() {
    return lent;
  }

  /** How long its init took, in ms, once it finished it; negative before. */
  public synchronized double initMillis() {
    return initNanos >= 0 ? initNanos / 1e6 : -1;
  }

  /** When the current invocation's event was handed to the runtime ({@link Ticker} nanoseconds). */
  public synchronized long deliveredNanos() {
    return deliveredNanos;
  }

  /** Appends a platform line; null (a line the LoggingConfig leaves out) is ignored. */
  public void log(String platformLine) {
    pump.platform(platformLine);
  }

  /**
   * Appends the platform line {@code line} makes in the function's log format and sends its
   * Telemetry API form to the subscribed extensions.
   */
  public void platform(java.util.function.Function<PlatformLog, String> line) {
    pump.platform(line.apply(platformLog));
    if (telemetry.listening()) {
      telemetry.platform(line.apply(PlatformLog.telemetry()));
    }
  }

  public void whenDrained(Runnable action) {
    pump.whenDrained(action);
  }

  public long peakMemoryBytes() {
    return process == null ? 0 : process.peakMemoryBytes();
  }

  /** Whether the runtime's last {@code /next} was served on {@code thread} (an event loop). */
  public boolean servedOn(Thread thread) {
    return servedBy == thread;
  }

  // ---- runtime side ----

  /** The runtime asks for work ({@code GET /next}); {@code deliver} receives it, now or later. */
  public void next(Consumer<Invocation> deliver) {
    servedBy = Thread.currentThread();
    Invocation now = null;
    boolean firstAsk;
    boolean first = false;
    synchronized (this) {
      firstAsk = !runtimeAsked;
      runtimeAsked = true;
      if (state == SandboxState.STARTING) {
        state = state.check(SandboxState.IDLE);
        idleSinceNanos = ticker.nanos();
      }
      if (initialized && state == SandboxState.BUSY && current != null && !current.done()) {
        now = current; // first delivery, or RIE-style re-delivery of the running event
        first = markDelivered(now);
      } else {
        parked = deliver;
      }
    }
    if (firstAsk) {
      extensions.runtimeAsked(); // init is over unless extensions are still starting
    }
    if (now != null) {
      hand(now, deliver, first);
    }
  }

  /**
   * Init is over: the runtime asked for work and so did every extension. The invocation waiting for
   * it, if any, is handed over.
   */
  private void initOver() {
    Invocation now = null;
    Consumer<Invocation> deliver = null;
    LaunchedProcess initEnded;
    boolean first = false;
    synchronized (this) {
      initialized = true;
      initNanos = ticker.nanos() - launchNanos;
      initEnded = process;
      if (state == SandboxState.BUSY && current != null && !current.done() && parked != null) {
        now = current;
        deliver = parked;
        parked = null;
        first = markDelivered(now);
      }
    }
    if (initEnded != null) {
      initEnded.initDone();
    }
    if (telemetry.listening()) {
      telemetry.platform(PlatformLog.telemetry().initRuntimeDone("success"));
      double millis = initNanos / 1e6;
      telemetry.platform(PlatformLog.telemetry().initReport(millis, "init", "success", null));
    }
    telemetry.initOver();
    ready.complete(null);
    if (now != null) {
      hand(now, deliver, first);
    }
  }

  public Reply respond(String requestId, byte[] body, String contentType) {
    Invocation inv = active(requestId);
    if (inv == null) {
      return unknown(requestId);
    }
    return inv.complete(new InvocationResult.Success(body, contentType))
        ? Reply.ACCEPTED
        : Reply.INVALID_STATE;
  }

  public Reply error(String requestId, byte[] body) {
    Invocation inv = active(requestId);
    if (inv == null) {
      return unknown(requestId);
    }
    return inv.complete(new InvocationResult.FunctionError(body))
        ? Reply.ACCEPTED
        : Reply.INVALID_STATE;
  }

  /** The runtime's response exceeded the buffered limit: the caller gets an error instead. */
  public void responseTooLarge(String requestId) {
    Invocation inv = active(requestId);
    if (inv != null) {
      String message =
          "Response payload size exceeded maximum allowed payload size ("
              + Limits.RESPONSE_PAYLOAD
              + " bytes).";
      FunctionErrorType type = FunctionErrorType.FUNCTION_RESPONSE_SIZE_TOO_LARGE;
      String body =
          "{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + type.wireName() + "\"}";
      inv.complete(
          new InvocationResult.Failure(
              InvocationResult.Failure.Cause.RESPONSE_TOO_LARGE,
              type.wireName(),
              message,
              body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  /** {@code POST /runtime/init/error}: fails the pending invocation with the posted error. */
  public Reply initError(byte[] body, String errorType) {
    Invocation inv;
    synchronized (this) {
      if (initialized) {
        return Reply.INVALID_STATE;
      }
      inv = current;
      if (state.canMoveTo(SandboxState.FAILED)) {
        state = SandboxState.FAILED;
      }
    }
    if (inv != null) {
      inv.complete(
          InvocationResult.Failure.verbatim(
              InvocationResult.Failure.Cause.INIT_ERROR, errorType, body));
    }
    return Reply.ACCEPTED;
  }

  /**
   * A result for no running invocation: a second result for the last one is a state transition the
   * runtime may not make (403); any other id is unknown (400), as the Runtime API answers.
   */
  private synchronized Reply unknown(String requestId) {
    return requestId.equals(lastRequestId) ? Reply.INVALID_STATE : Reply.INVALID_REQUEST_ID;
  }

  /** The sandbox's current invocation if its request id is {@code requestId}. */
  private synchronized Invocation active(String requestId) {
    return current != null && current.requestId().equals(requestId) ? current : null;
  }

  /**
   * Starts the invocation's clock and log lines on its first delivery (not on re-deliveries);
   * whether this was the first.
   */
  private boolean markDelivered(Invocation inv) {
    if (lastDelivered == inv) {
      return false;
    }
    lastDelivered = inv;
    deliveredNanos = ticker.nanos();
    if (initTail != null && inv.tail() != null) {
      inv.tail().addAll(initTail);
    }
    initTail = null;
    pump.capture(inv.tail());
    platform(l -> l.start(inv.requestId(), spec.version()));
    inv.markDelivered(clock.millis());
    return true;
  }

  private void processExited(int code) {
    Invocation inv;
    synchronized (this) {
      exited = true;
      exitCode = Math.max(0, code);
      inv = current;
      if (state.canMoveTo(SandboxState.FAILED)) {
        state = SandboxState.FAILED;
      } else if (state == SandboxState.STOPPING) {
        state = SandboxState.STOPPED;
      }
    }
    if (inv != null && !inv.done()) {
      inv.complete(exitFailure(inv, code));
    }
    onTerminated.accept(this);
  }

  /** Runtime.ExitError (or Runtime.OutOfMemory when the cgroup says so) for {@code inv}. */
  private InvocationResult exitFailure(Invocation inv, int code) {
    boolean oom = process.oomKilled();
    return InvocationResult.Failure.of(
        oom ? InvocationResult.Failure.Cause.OUT_OF_MEMORY : InvocationResult.Failure.Cause.EXIT,
        inv.requestId(),
        oom ? FunctionErrorType.RUNTIME_OUT_OF_MEMORY : FunctionErrorType.RUNTIME_EXIT_ERROR,
        ExitStatus.message(code));
  }
}
