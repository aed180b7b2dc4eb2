package dev.outlet.sandbox;

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
 *
 * <p>Its parts: the invocation it serves and the runtime's parked {@code /next} ({@code HandOver},
 * under this object's lock), where its lines go ({@code SandboxOutput}), its process and endpoint
 * ({@code SandboxProcess}) and its {@link Extensions}.
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
  private final Ticker ticker;
  private final InstantSource clock;
  private final long createdNanos;
  private final Extensions extensions;
  private final SandboxProcess runtime = new SandboxProcess();
  private final SandboxOutput output;
  private final HandOver handOver; // guarded by this
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private SandboxState state = SandboxState.STARTING;
  private boolean runtimeAsked;
  private long launchNanos; // guarded by this
  private boolean initialized;
  private long initNanos = -1;
  private boolean initReported;
  private long idleSinceNanos;
  private boolean exited;
  private int exitCode;
  private Consumer<Sandbox> onTerminated = s -> {};
  private volatile Thread servedBy;

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
    this.output = new SandboxOutput(PlatformLog.of(spec.logging()), runtime::namespace);
    this.handOver = new HandOver(ticker, clock, output, spec.version());
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
    runtime.attach(endpoint);
    output.attach(pump); // INIT_START and the runtime's init output, for the first Tail
  }

  void attachProcess(LaunchedProcess process) {
    runtime.attach(process);
    process.onExit().thenAccept(this::processExited);
    output.tapTelemetry();
    extensions.listen(
        process::releaseRuntime,
        this::initOver,
        (name, events) ->
            platform(l -> l.extension(name, events.stream().map(Enum::name).toList())));
  }

  /** The sandbox's extensions, as the Extensions API reaches them. */
  public Extensions extensions() {
    return extensions;
  }

  /** The sandbox's Telemetry API subscriptions. */
  public TelemetryHub telemetry() {
    return output.telemetry();
  }

  /** Notes an extension's telemetry subscription in the log, as Lambda does. */
  public void subscribed(TelemetryHub.Subscription s) {
    output.subscribed(s);
  }

  public String id() {
    return id;
  }

  public SandboxSpec spec() {
    return spec;
  }

  /** The platform's lines in the format of the function's LoggingConfig. */
  public PlatformLog platformLog() {
    return output.platformLog();
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
    HandOver.Handing handing = null;
    int diedWith = -1;
    synchronized (this) {
      if (exited) {
        diedWith = exitCode;
      } else {
        state = state.check(SandboxState.BUSY);
        handing = handOver.lend(inv, initialized);
      }
    }
    if (diedWith >= 0) {
      // the runtime died between its start and this hand-over (processExited found no
      // invocation): it fails as it would have a moment later
      inv.complete(InvocationResult.Failure.exited(inv.requestId(), diedWith, runtime.oomKilled()));
    } else if (handing != null) {
      hand(handing);
    }
  }

  /** Gives the event to the runtime, and INVOKE to the extensions on its first delivery. */
  private void hand(HandOver.Handing handing) {
    if (handing.first()) {
      extensions.invoke(handing.inv());
    }
    handing.deliver().accept(handing.inv());
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
      handOver.released();
      idleSinceNanos = ticker.nanos();
    }
    output.detachTail();
    runtime.resetPeak(); // Max Memory Used is per invocation where the kernel allows
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
      graceful = !exited && runtime.hasEndpoint() && extensions.wantShutdown();
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
    output.close();
    runtime.kill();
  }

  /**
   * Sends the sandbox's lines to {@code inv}'s tail although the event never reached the runtime
   * (init failed), with the init lines first.
   */
  public void captureUndelivered(Invocation inv) {
    output.undelivered(inv);
  }

  /**
   * Completes when the runtime first asks for work: its init is over (a sandbox that dies first
   * never completes it; its termination listeners run instead).
   */
  public CompletableFuture<Void> ready() {
    return ready;
  }

  /** Whether init is over: the runtime and every extension asked for work. */
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
    return handOver.lent();
  }

  /** How long its init took, in ms, once it finished it; negative before. */
  public synchronized double initMillis() {
    return initNanos >= 0 ? initNanos / 1e6 : -1;
  }

  /** When the current invocation's event was handed to the runtime ({@link Ticker} nanoseconds). */
  public synchronized long deliveredNanos() {
    return handOver.deliveredNanos();
  }

  /** Appends a platform line; null (a line the LoggingConfig leaves out) is ignored. */
  public void log(String platformLine) {
    output.log(platformLine);
  }

  /**
   * Appends the platform line {@code line} makes in the function's log format and sends its
   * Telemetry API form to the subscribed extensions.
   */
  public void platform(java.util.function.Function<PlatformLog, String> line) {
    output.platform(line);
  }

  public void whenDrained(Runnable action) {
    output.whenDrained(action);
  }

  public long peakMemoryBytes() {
    return runtime.peakMemoryBytes();
  }

  /** Whether the runtime's last {@code /next} was served on {@code thread} (an event loop). */
  public boolean servedOn(Thread thread) {
    return servedBy == thread;
  }

  // ---- runtime side ----

  /** The runtime asks for work ({@code GET /next}); {@code deliver} receives it, now or later. */
  public void next(Consumer<Invocation> deliver) {
    servedBy = Thread.currentThread();
    boolean firstAsk;
    HandOver.Handing handing;
    synchronized (this) {
      firstAsk = !runtimeAsked;
      runtimeAsked = true;
      if (state == SandboxState.STARTING) {
        state = state.check(SandboxState.IDLE);
        idleSinceNanos = ticker.nanos();
      }
      // the running event's first delivery, or an RIE-style re-delivery; else the request waits
      handing = handOver.asked(deliver, initialized && state == SandboxState.BUSY);
    }
    if (firstAsk) {
      extensions.runtimeAsked(); // init is over unless extensions are still starting
    }
    if (handing != null) {
      hand(handing);
    }
  }

  /**
   * Init is over: the runtime asked for work and so did every extension. The invocation waiting for
   * it, if any, is handed over.
   */
  private void initOver() {
    HandOver.Handing handing;
    synchronized (this) {
      initialized = true;
      initNanos = ticker.nanos() - launchNanos;
      handing = handOver.initOver(state == SandboxState.BUSY);
    }
    runtime.initOver();
    output.initOver(initNanos);
    ready.complete(null);
    if (handing != null) {
      hand(handing);
    }
  }

  /**
   * Where the running invocation {@code requestId} wants a streamed response to go as it comes;
   * null when it is not running or reads its response whole.
   */
  public ResponseStream streamOf(String requestId) {
    Invocation inv = active(requestId);
    return inv == null ? null : inv.stream();
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
    responseTooLarge(requestId, Limits.RESPONSE_PAYLOAD);
  }

  /** The runtime's response exceeded {@code limit} bytes: the caller gets an error instead. */
  public void responseTooLarge(String requestId, long limit) {
    Invocation inv = active(requestId);
    if (inv != null) {
      inv.complete(InvocationResult.Failure.responseTooLarge(limit));
    }
  }

  /** {@code POST /runtime/init/error}: fails the pending invocation with the posted error. */
  public Reply initError(byte[] body, String errorType) {
    Invocation inv;
    synchronized (this) {
      if (initialized) {
        return Reply.INVALID_STATE;
      }
      inv = handOver.current();
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
    return handOver.wasLast(requestId) ? Reply.INVALID_STATE : Reply.INVALID_REQUEST_ID;
  }

  /** The sandbox's current invocation if its request id is {@code requestId}. */
  private synchronized Invocation active(String requestId) {
    return handOver.active(requestId);
  }

  private void processExited(int code) {
    Invocation inv;
    synchronized (this) {
      exited = true;
      exitCode = Math.max(0, code);
      inv = handOver.current();
      if (state.canMoveTo(SandboxState.FAILED)) {
        state = SandboxState.FAILED;
      } else if (state == SandboxState.STOPPING) {
        state = SandboxState.STOPPED;
      }
    }
    if (inv != null && !inv.done()) {
      inv.complete(InvocationResult.Failure.exited(inv.requestId(), code, runtime.oomKilled()));
    }
    onTerminated.accept(this);
  }
}
