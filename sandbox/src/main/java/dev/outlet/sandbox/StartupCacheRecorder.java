package dev.outlet.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Makes startup caches in the background, one at a time, each at most once per Outlet run (a failed
 * recording is not retried until Outlet restarts: a function whose init cannot record would
 * otherwise pay a recording per cold start). The files asked for, and whether each was made, are
 * this class's.
 *
 * <p>The worker is one platform thread living as long as the launcher: a recording's sandbox dies
 * with the thread that started it ({@code bwrap --die-with-parent}).
 */
final class StartupCacheRecorder implements AutoCloseable {
  private final Map<Path, CompletableFuture<Boolean>> asked = new ConcurrentHashMap<>();
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

  /**
   * Records {@code spec}'s startup cache unless it was asked for already. Returns at once; the
   * future completes when the recording asked for first has ended, with whether the file is there.
   */
  CompletableFuture<Boolean> request(SandboxSpec spec) {
    Path file = spec.launch().cache().file();
    CompletableFuture<Boolean> made = new CompletableFuture<>();
    CompletableFuture<Boolean> earlier = asked.putIfAbsent(file, made);
    if (earlier != null) {
      return earlier;
    }
    try {
      worker.execute(
          () -> {
            try {
              recording.accept(spec);
            } finally {
              made.complete(Files.isRegularFile(file));
            }
          });
    } catch (RejectedExecutionException e) {
      made.complete(false); // closing
    }
    return made;
  }

  @Override
  public void close() {
    worker.shutdownNow();
    asked.values().forEach(f -> f.complete(false)); // those never started
  }
}
