package dev.outlet.sandbox.testkit;

import dev.outlet.sandbox.LaunchedProcess;
import dev.outlet.sandbox.OutputPipe;
import dev.outlet.sandbox.RuntimeEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * A runtime process that is not one: it prints nothing and exits when killed (137) or when a test
 * completes {@link #exit} itself, as a crash. For tests of the sandbox's state machine and of what
 * drives it, in this module and others.
 */
public final class StandInProcess implements LaunchedProcess {
  /** Completing it is the process's exit with that status. */
  public final CompletableFuture<Integer> exit = new CompletableFuture<>();

  @Override
  public long pid() {
    return 1;
  }

  @Override
  public OutputPipe output() {
    try {
      OutputPipe empty = OutputPipe.open();
      empty.closeWriteEnd(); // nothing will ever be written: end-of-file
      return empty;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public CompletableFuture<Integer> onExit() {
    return exit;
  }

  @Override
  public void kill() {
    exit.complete(137);
  }

  @Override
  public long peakMemoryBytes() {
    return 0;
  }

  @Override
  public void resetPeak() {}

  /** A Runtime API endpoint with no listener behind it. */
  public static RuntimeEndpoint noEndpoint() {
    return new RuntimeEndpoint() {
      @Override
      public String address() {
        return "127.0.0.1:1";
      }

      @Override
      public void close() {}
    };
  }
}
