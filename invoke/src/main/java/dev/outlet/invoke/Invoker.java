package dev.outlet.invoke;

import dev.outlet.core.Limits;
import dev.outlet.sandbox.Invocation;
import dev.outlet.sandbox.InvocationResult;
import dev.outlet.sandbox.SandboxLaunchException;
import dev.outlet.sandbox.SandboxSpec;
import dev.outlet.sandbox.TailBuffer;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one invocation from start to end, in one composed chain: acquire a sandbox → hand the event
 * over → await the result until the deadline → write the record → release or discard the sandbox.
 *
 * <p>Thread-safe and non-blocking: {@link #invoke} returns at once; the chain continues on the
 * threads that complete it (the Runtime API's event loop, the timer thread, a launcher thread).
 * Every invocation that acquired a sandbox writes exactly one END/REPORT and gives the lease back
 * exactly once, whatever happened.
 */
public final class Invoker {
  /** Lambda's on-demand INIT phase limit. */
  static final long INIT_LIMIT_MILLIS = 10_000;

  private final SandboxPool pool;
  private final ScheduledExecutorService timers;
  private final InvocationObserver observer;
  private final long initLimitMillis;

  public Invoker(SandboxPool pool, ScheduledExecutorService timers, InvocationObserver observer) {
    this(pool, timers, observer, INIT_LIMIT_MILLIS);
  }

  /**
   * @param initLimitMillis how long a cold start may take (Lambda: 10 s; a debugging session that
   *     waits for a debugger needs longer)
   */
  public Invoker(
      SandboxPool pool,
      ScheduledExecutorService timers,
      InvocationObserver observer,
      long initLimitMillis) {
    this.pool = pool;
    this.timers = timers;
    this.observer = observer;
    this.initLimitMillis = initLimitMillis;
  }

  /**
   * Invokes synchronously; the future completes with what the caller receives.
   *
   * @throws dev.outlet.core.LambdaException TooManyRequestsException when throttled
   */
  public CompletableFuture<InvokeOutcome> invoke(SandboxSpec spec, InvokeRequest req) {
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
    long started = System.nanoTime();
    long timeoutMillis = spec.timeoutSeconds() * 1000L;
    TailBuffer tail = req.tail() ? new TailBuffer(Limits.LOG_TAIL) : null;
    Invocation inv =
        new Invocation(
            req.requestId(),
            req.payload(),
            timeoutMillis,
            req.invokedFunctionArn(),
            traceId(),
            req.clientContext(),
            tail);
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
                sandbox.lend(inv);
              }
            });
    return inv.result()
        .thenCompose(
            result -> {
              ScheduledFuture<?> t = timer.getAndSet(null);
              if (t != null) {
                t.cancel(false);
              }
              return finish(spec, lease, inv, result, started, System.nanoTime());
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
    boolean healthy = result.status() == null;
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
                        result.errorType(),
                        System.currentTimeMillis()));
                out.complete(outcome(spec, inv, result));
                return;
              }
              if (!healthy) {
                sandbox.stop(); // timeout, crash, OOM: the whole process tree goes
              }
              if (inv.tail() == null) {
                out.complete(outcome(spec, inv, result)); // the record follows off the reply path
              }
              sandbox.whenDrained(
                  () -> {
                    InvocationSample sample =
                        InvocationRecord.write(sandbox, inv, started, ended, result);
                    pool.giveBack(lease, sandbox, healthy);
                    observer.concurrency(spec.functionName(), -1);
                    observer.completed(sample);
                    out.complete(outcome(spec, inv, result));
                  });
            });
    return out;
  }

  private static InvokeOutcome outcome(SandboxSpec spec, Invocation inv, InvocationResult result) {
    String log = inv.tail() == null ? null : inv.tail().base64();
    return new InvokeOutcome(inv.requestId(), spec.version(), result, log);
  }

  private static InvocationResult timedOut(Invocation inv, SandboxSpec spec) {
    return InvocationResult.platformError(
        inv.requestId(),
        "Sandbox.Timedout",
        String.format(
            Locale.ROOT, "Task timed out after %.2f seconds", (double) spec.timeoutSeconds()),
        "timeout");
  }

  private static InvocationResult launchFailed(Invocation inv, Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    if (cause instanceof SandboxLaunchException e) {
      return InvocationResult.platformError(
          inv.requestId(), e.errorType(), e.getMessage(), "error");
    }
    return InvocationResult.platformError(
        inv.requestId(), "Sandbox.Failure", "the sandbox could not be started", "error");
  }

  /** An X-Ray trace header, as Lambda passes one to every invocation. */
  static String traceId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder b = new StringBuilder(72).append("Root=1-");
    hex(b, System.currentTimeMillis() / 1000, 8).append('-');
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
