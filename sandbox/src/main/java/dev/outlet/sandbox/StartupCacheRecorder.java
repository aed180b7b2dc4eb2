package dev.outlet.sandbox;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Makes startup caches in the background, one at a time, each at most once per Outlet run (a failed
 * recording is not retried until Outlet restarts: a function whose init cannot record would
 * otherwise pay a recording per cold start). The set of files asked for is this class's.
 *
 * <p>The worker is one platform thread living as long as the launcher: a recording's sandbox dies
 * with the thread that started it ({@code bwrap --die-with-parent}).
 */
final class StartupCacheRecorder implements AutoCloseable {
  private final Set<Path> asked = ConcurrentHashMap.newKeySet();
  private final Consumer<SandboxSpec> recording;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "outlet-startup-cache");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
          });

  StartupCacheRecorder(Consumer<SandboxSpec> recording) {
    this.recording = recording;
  }

  /** Records {@code spec}'s startup cache unless it was asked for already. Returns at once. */
  void request(SandboxSpec spec) {
    if (asked.add(spec.launch().cache().file())) {
      try {
        worker.execute(() -> recording.accept(spec));
      } catch (RejectedExecutionException e) {
        // closing
      }
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
