package dev.outlet.invoke;

import dev.outlet.core.FunctionErrorType;
import dev.outlet.core.Limits;
import dev.outlet.core.Ticker;
import dev.outlet.sandbox.Extensions;
import dev.outlet.sandbox.Invocation;
import dev.outlet.sandbox.InvocationResult;
import dev.outlet.sandbox.Sandbox;
import dev.outlet.sandbox.SandboxLaunchException;
import dev.outlet.sandbox.SandboxSpec;
import dev.outlet.sandbox.TailBuffer;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one invocation from start to end, in one composed chain: acquire a sandbox → hand the event
 * over → await the result until the deadline → write the record → release or discard the sandbox.
 *
 * <p>Thread-safe and non-blocking: {@link #invoke} returns at once; the chain continues on the
 * threads that complete it (the Runtime API's event loop, the timer thread, a launcher thread).
 * Every invocation that acquired a sandbox writes exactly one END/REPORT and gives the lease back
 * exactly once, whatever happened.
 *
 * <p>Durations are read from the injected {@link Ticker} (the one the sandboxes were given), record
 * and trace timestamps from the injected {@link InstantSource}.
 */
public final class Invoker implements Invocations {
  private static final Logger LOG = LoggerFactory.getLogger(Invoker.class);

  /** Lambda's on-demand INIT phase limit. */
  public static final long INIT_LIMIT_MILLIS = 10_000;

  private final SandboxPool pool;
  private final ScheduledExecutorService timers;
  private final InvocationObserver observer;
  private final long initLimitMillis;
  private final Ticker ticker;
  private final InstantSource clock;
  private volatile ClusterConcurrency cluster;

  /**
   * @param initLimitMillis how long a cold start may take (Lambda: {@link #INIT_LIMIT_MILLIS}; a
   *     debugging session that waits for a debugger needs longer)
   * @param ticker the monotonic time of durations: the one the pool and the sandboxes were given
   * @param clock wall time, for the records' and trace ids' timestamps
   */
  public Invoker(
      SandboxPool pool,
      ScheduledExecutorService timers,
      InvocationObserver observer,
      long initLimitMillis,
      Ticker ticker,
      InstantSource clock) {
    this.pool = pool;
    this.timers = timers;
    this.observer = observer;
    this.initLimitMillis = initLimitMillis;
    this.ticker = ticker;
    this.clock = clock;
  }

  /**
   * From now on every invocation is also admitted against the cluster's limits (a node of a
   * cluster): reserved concurrency and the account's unreserved share hold across the nodes.
   */
  public void useCluster(ClusterConcurrency gate) {
    this.cluster = gate;
  }

  /**
   * Invokes synchronously; the future completes with what the caller receives.
   *
   * @throws dev.outlet.core.LambdaException TooManyRequestsException when throttled
   */
  @Override
  public CompletableFuture<InvokeOutcome> invoke(SandboxSpec spec, InvokeRequest req) {
    ClusterConcurrency gate = cluster;
    if (gate == null) {
      return run(spec, req);
    }
    String function = spec.functionName();
    int reserved = pool.reservation(function);
    CompletableFuture<Void> admitted = gate.enter(function, reserved, pool.unreserved());
    if (admitted == ClusterConcurrency.ADMITTED) {
      return admittedRun(gate, reserved, spec, req);
    }
    admitted.whenComplete(
        (v, e) -> {
          if (e instanceof dev.outlet.core.LambdaException le
              && le.code() == dev.outlet.core.ErrorCode.TOO_MANY_REQUESTS) {
            observer.throttled(function, spec.version());
          }
        });
    return admitted.thenCompose(v -> admittedRun(gate, reserved, spec, req));
  }

  /** Runs an invocation the cluster admitted; its admission ends with it. */
  private CompletableFuture<InvokeOutcome> admittedRun(
      ClusterConcurrency gate, int reserved, SandboxSpec spec, InvokeRequest req) {
    CompletableFuture<InvokeOutcome> running;
    try {
      running = run(spec, req);
    } catch (RuntimeException e) {
      gate.exit(spec.functionName(), reserved);
      throw e;
    }
    running.whenComplete((o, e) -> gate.exit(spec.functionName(), reserved));
    return running;
  }

  private CompletableFuture<InvokeOutcome> run(SandboxSpec spec, InvokeRequest req) {
    Lease lease;
    try {
      lease = pool.acquire(spec);
    } catch (dev.outlet.core.LambdaException e) {
      if (e.code() == dev.outlet.core.ErrorCode.TOO_MANY_REQUESTS) {
        observer.throttled(spec.functionName(), spec.version());
      }
      throw e;
    }
    observer.concurrency(spec.functionName(), 1);
    long started = ticker.nanos();
    long timeoutMillis = spec.timeoutSeconds() * 1000L;
    TailBuffer tail = req.tail() ? new TailBuffer(Limits.LOG_TAIL) : null;
    Invocation inv =
        new Invocation(
            req.requestId(),
            req.payload(),
            timeoutMillis,
            req.invokedFunctionArn(),
            traceId(clock.millis()),
            req.clientContext(),
            tail,
            req.stream());
    AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
    if (lease.cold()) {
      timer.set(
          timers.schedule(
              () -> inv.complete(timedOut(inv, spec)), initLimitMillis, TimeUnit.MILLISECONDS));
    }
    inv.delivered()
        .thenRun(
            () -> {
              ScheduledFuture<?> initWatch =
                  timer.getAndSet(
                      timers.schedule(
                          () -> inv.complete(timedOut(inv, spec)),
                          timeoutMillis,
                          TimeUnit.MILLISECONDS));
              if (initWatch != null) {
                initWatch.cancel(false);
              }
            });
    lease
        .sandbox()
        .whenComplete(
            (sandbox, launchError) -> {
              if (launchError != null) {
                inv.complete(launchFailed(inv, launchError));
              } else if (!inv.done()) {
                try {
                  sandbox.lend(inv);
                } catch (RuntimeException e) {
                  // never left to the init timer: a sandbox that cannot take it fails it now
                  inv.complete(launchFailed(inv, e));
                }
              }
            });
    return inv.result()
        .thenCompose(
            result -> {
              ScheduledFuture<?> t = timer.getAndSet(null);
              if (t != null) {
                t.cancel(false);
              }
              return finish(spec, lease, inv, result, started, ticker.nanos());
            });
  }

  private CompletableFuture<InvokeOutcome> finish(
      SandboxSpec spec,
      Lease lease,
      Invocation inv,
      InvocationResult result,
      long started,
      long ended) {
    CompletableFuture<InvokeOutcome> out = new CompletableFuture<>();
    boolean healthy = !(result instanceof InvocationResult.Failure);
    lease
        .sandbox()
        .handle((sandbox, error) -> sandbox)
        .thenAccept(
            sandbox -> {
              if (sandbox == null) {
                pool.giveBack(lease, null, false);
                observer.concurrency(spec.functionName(), -1);
                observer.completed(
                    new InvocationSample(
                        spec.functionName(),
                        spec.version(),
                        spec.architecture().wireName(),
                        spec.memorySize(),
                        0,
                        (ended - started) / 1e6, // a failed cold start: all of it was init
                        0,
                        0,
                        "PlatformError",
                        result instanceof InvocationResult.Failure f ? f.errorType() : null,
                        clock.millis(),
                        lease.provisioned()));
                out.complete(outcome(spec, inv, result));
                return;
              }
              if (!healthy) {
                // timeout, crash, OOM: the whole process tree goes (extensions told first)
                sandbox.stop(
                    result instanceof InvocationResult.Failure f
                            && f.cause() == InvocationResult.Failure.Cause.TIMEOUT
                        ? Extensions.ShutdownReason.TIMEOUT
                        : Extensions.ShutdownReason.FAILURE);
              }
              if (inv.tail() == null) {
                out.complete(outcome(spec, inv, result)); // the record follows off the reply path
              }
              afterExtensions(sandbox, inv, healthy)
                  .thenAccept(
                      settled ->
                          sandbox.whenDrained(
                              () -> {
                                InvocationSample sample =
                                    InvocationRecord.write(
                                            sandbox, inv, started, ended, clock.millis(), result)
                                        .withProvisioned(lease.provisioned());
                                pool.giveBack(lease, sandbox, settled);
                                observer.concurrency(spec.functionName(), -1);
                                observer.completed(sample);
                                out.complete(outcome(spec, inv, result));
                              }));
            });
    return out;
  }

  /**
   * Completes when the extensions registered for INVOKE are done with {@code inv} (at once without
   * them, or when the sandbox is going anyway), with whether the sandbox stays healthy: one whose
   * extensions are not done by the invocation's deadline is stopped, as Lambda resets it.
   */
  private CompletableFuture<Boolean> afterExtensions(
      Sandbox sandbox, Invocation inv, boolean healthy) {
    CompletableFuture<Void> settled = sandbox.settled();
    if (!healthy || settled.isDone()) {
      return CompletableFuture.completedFuture(healthy);
    }
    long left = Math.max(0, inv.deadlineEpochMillis() - clock.millis());
    return settled
        .thenApply(v -> true)
        .completeOnTimeout(false, left, TimeUnit.MILLISECONDS)
        .thenApply(
            ok -> {
              if (!ok) {
                sandbox.stop(Extensions.ShutdownReason.TIMEOUT);
              }
              return ok;
            });
  }

  private static InvokeOutcome outcome(SandboxSpec spec, Invocation inv, InvocationResult result) {
    String log = inv.tail() == null ? null : inv.tail().base64();
    return new InvokeOutcome(inv.requestId(), spec.version(), result, log);
  }

  private static InvocationResult timedOut(Invocation inv, SandboxSpec spec) {
    return InvocationResult.Failure.of(
        InvocationResult.Failure.Cause.TIMEOUT,
        inv.requestId(),
        FunctionErrorType.SANDBOX_TIMEDOUT,
        String.format(
            Locale.ROOT, "Task timed out after %.2f seconds", (double) spec.timeoutSeconds()));
  }

  private static InvocationResult launchFailed(Invocation inv, Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    if (cause instanceof SandboxLaunchException e) {
      return InvocationResult.Failure.of(
          InvocationResult.Failure.Cause.LAUNCH, inv.requestId(), e.errorType(), e.getMessage());
    }
    // not a failure the function's package or settings explain: the caller sees Sandbox.Failure,
    // the operator the cause
    LOG.warn("RequestId: {}: the sandbox could not be started", inv.requestId(), cause);
    return InvocationResult.Failure.of(
        InvocationResult.Failure.Cause.LAUNCH,
        inv.requestId(),
        FunctionErrorType.SANDBOX_FAILURE,
        "the sandbox could not be started");
  }

  /** An X-Ray trace header, as Lambda passes one to every invocation, for an epoch time. */
  static String traceId(long epochMillis) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder b = new StringBuilder(72).append("Root=1-");
    hex(b, epochMillis / 1000, 8).append('-');
    hex(b, r.nextLong(), 12);
    hex(b, r.nextLong(), 12).append(";Parent=");
    return hex(b, r.nextLong(), 16).append(";Sampled=0").toString();
  }

  private static StringBuilder hex(StringBuilder b, long value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      b.append(Character.forDigit((int) (value >>> shift) & 0xF, 16));
    }
    return b;
  }
}
