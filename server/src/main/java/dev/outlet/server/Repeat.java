package dev.outlet.server;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Work repeated every period that may block (it talks to the database, which may be slow, away, or
 * cut off for the length of a socket timeout): the timer only hands it to {@code runOn}, so the
 * timer thread, which also ends invocations at their deadlines, never waits on it; and never two
 * runs at once, a run that outlasts its period makes the next one skipped.
 */
final class Repeat {
  private Repeat() {}

  static ScheduledFuture<?> every(
      ScheduledExecutorService timers,
      Executor runOn,
      Duration period,
      Runnable task,
      Consumer<RuntimeException> failed) {
    AtomicBoolean running = new AtomicBoolean();
    Runnable once =
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            failed.accept(e);
          } finally {
            running.set(false);
          }
        };
    long every = period.toMillis();
    return timers.scheduleWithFixedDelay(
        () -> {
          if (running.compareAndSet(false, true)) {
            try {
              runOn.execute(once);
            } catch (RuntimeException e) { // the executor stopped: so does this
              running.set(false);
            }
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  /** A thread per run: virtual, so a run blocked on the database holds no platform thread. */
  static final Executor VIRTUAL =
      command -> Thread.ofVirtual().name("outlet-repeat").start(command);
}
