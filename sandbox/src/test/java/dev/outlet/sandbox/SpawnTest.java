package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real processes started both ways: posix_spawn (the native start) and the JDK's fallback. */
class SpawnTest {
  @TempDir Path dir;

  private static void nativeAvailable(boolean nativeStart) {
    assumeTrue(!nativeStart || Spawn.NATIVE, "this C library has no addclosefrom_np");
  }

  /**
   * Where the C library has the calls, the native start is what runs: a binding that fails for
   * another reason (it once did under the launcher's reflection setting) is a defect, not a
   * platform without them.
   */
  @org.junit.jupiter.api.Test
  void theNativeStartIsUsedWhereTheCLibraryHasIt() {
    com.sun.jna.NativeLibrary c =
        com.sun.jna.NativeLibrary.getInstance(com.sun.jna.Platform.C_LIBRARY_NAME);
    boolean has;
    try {
      c.getFunction("posix_spawn_file_actions_addclosefrom_np");
      c.getFunction("posix_spawn_file_actions_addchdir_np");
      has = com.sun.jna.Platform.isLinux();
    } catch (UnsatisfiedLinkError e) {
      has = false;
    }
    assumeTrue(has, "this C library has no posix_spawn_file_actions_addclosefrom_np");
    assertThat(Spawn.NATIVE).isTrue();
  }

  /** What the child wrote into an output pipe, until the pipe's end of file. */
  private static String drain(OutputPipe pipe) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (true) {
      pipe.awaitReadable();
      int n = pipe.readAtWakeUp(buffer);
      if (n < 0) {
        return all.toString(StandardCharsets.UTF_8);
      }
      all.write(buffer, 0, n);
    }
  }

  /** How a child ended and all it wrote to its output pipe. */
  private record Ran(int exit, String output) {}

  /** Starts {@code spawn} with an output pipe, runs {@code feed} on it, and waits for its end. */
  private static Ran run(Spawn spawn, boolean nativeStart, Feed feed) throws Exception {
    try (OutputPipe out = OutputPipe.open()) {
      Process p = spawn.outputTo(out).start(nativeStart);
      out.closeWriteEnd();
      feed.accept(p);
      String said = drain(out);
      return new Ran(p.waitFor(), said);
    }
  }

  private static Ran run(Spawn spawn, boolean nativeStart) throws Exception {
    return run(spawn, nativeStart, p -> {});
  }

  @FunctionalInterface
  private interface Feed {
    void accept(Process p) throws IOException;
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void theChildHoldsOnlyItsStandardDescriptorsHowEverManyOutletHas(boolean nativeStart)
      throws Exception {
    nativeAvailable(nativeStart);
    List<Pipe> held = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      held.add(Pipe.open()); // Outlet's own descriptors, as its sandboxes' sockets and pipes
    }
    try {
      Ran ran =
          run(
              Spawn.of(List.of("/bin/sh", "-c", "ls /proc/$$/fd; echo err >&2"))
                  .environment(Map.of()),
              nativeStart);
      assertThat(ran.exit()).isZero();
      assertThat(ran.output().lines().toList()).containsExactly("0", "1", "2", "err");
    } finally {
      for (Pipe pipe : held) {
        pipe.source().close();
        pipe.sink().close();
      }
    }
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void environmentFolderAndUtf8ArgumentsAreTheChildsAlone(boolean nativeStart) throws Exception {
    nativeAvailable(nativeStart);
    Ran ran =
        run(
            Spawn.of(List.of("/bin/sh", "-c", "pwd; env | sort; echo \"$0\"", "héllo wörld"))
                .directory(dir)
                .environment(Map.of("GREETING", "grüß dich", "LC_ALL", "C.UTF-8")),
            nativeStart);
    assertThat(ran.output().lines().toList())
        .contains(dir.toRealPath().toString(), "GREETING=grüß dich", "héllo wörld")
        .noneMatch(l -> l.startsWith("HOME=") || l.startsWith("JAVA_HOME="));
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void theInputPipeFeedsTheChildAndTheOutputPipeBlocksForIt(boolean nativeStart) throws Exception {
    nativeAvailable(nativeStart);
    // a writer of more than a pipe holds: on a non-blocking descriptor it would fail (EAGAIN)
    Ran ran =
        run(
            Spawn.of(
                    List.of("/bin/sh", "-c", "read line; head -c 300000 /dev/zero; echo \"$line\""))
                .environment(Map.of("PATH", "/usr/bin:/bin"))
                .inputPipe(),
            nativeStart,
            p -> {
              try (OutputStream in = p.getOutputStream()) {
                in.write("over stdin\n".getBytes(StandardCharsets.US_ASCII));
              }
            });
    assertThat(ran.exit()).isZero();
    assertThat(ran.output()).hasSize(300_000 + "over stdin\n".length()).endsWith("over stdin\n");
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void withoutAnOutputPipeStdoutIsReadAndStderrDiscarded(boolean nativeStart) throws Exception {
    nativeAvailable(nativeStart);
    Process p =
        Spawn.of(List.of("/bin/sh", "-c", "echo to-err >&2; echo 1; sleep 30"))
            .inputPipe()
            .start(nativeStart);
    try {
      InputStream stdout = p.getInputStream();
      assertThat((char) stdout.read()).isEqualTo('1');
      assertThat(p.isAlive()).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(128 + 9);
    assertThat(p.isAlive()).isFalse();
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void exitCodesAndSignalsReadAsTheJdksAndTheChildIsReaped(boolean nativeStart) throws Exception {
    nativeAvailable(nativeStart);
    Process code = Spawn.of(List.of("/bin/sh", "-c", "exit 7")).start(nativeStart);
    assertThat(code.onExit().get(5, TimeUnit.SECONDS).exitValue()).isEqualTo(7);
    assertThat(Files.exists(Path.of("/proc", Long.toString(code.pid())))).isFalse();
    Process term = Spawn.of(List.of("/bin/sleep", "30")).start(nativeStart);
    assertThat(term.isAlive()).isTrue();
    term.destroy();
    assertThat(term.waitFor()).isEqualTo(128 + 15);
    term.destroyForcibly(); // reaped already: nothing is signalled
    assertThat(Files.exists(Path.of("/proc", Long.toString(term.pid())))).isFalse();
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void aMissingProgramIsTheJdksError(boolean nativeStart) {
    nativeAvailable(nativeStart);
    assertThatThrownBy(() -> Spawn.of(List.of(dir.resolve("absent").toString())).start(nativeStart))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Cannot run program \"" + dir.resolve("absent") + "\"")
        .hasMessageContaining("No such file or directory");
    if (nativeStart) { // the words ExitStatus reads (JDK 25's own differ: "Exec failed, error: 2")
      assertThatThrownBy(() -> Spawn.of(List.of(dir.toString())).start(true))
          .hasMessageEndingWith(": error=13, Permission denied");
    }
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void theChildStartsWithNoSignalBlocked(boolean nativeStart) throws Exception {
    nativeAvailable(nativeStart);
    Ran ran =
        run(
            Spawn.of(List.of("/usr/bin/grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status")),
            nativeStart);
    assertThat(ran.output()).contains("SigBlk:\t0000000000000000");
  }
}
