package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log pump over a real process's pipe. */
class LogPumpTest {
  @TempDir Path dir;

  private static Process start(OutputPipe pipe, String script) throws IOException {
    Process p =
        new ProcessBuilder("sh", "-c", script)
            .redirectOutput(ProcessBuilder.Redirect.to(pipe.writeEnd()))
            .redirectErrorStream(true)
            .start();
    pipe.closeWriteEnd();
    return p;
  }

  @Test
  void linesArriveInOrderAndEndFollowsWhatWasPrintedBefore() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    OutputPipe pipe = OutputPipe.open();
    Process p = start(pipe, "printf 'one\\r\\ntwo\\nthree-without-newline'; sleep 0.2");
    LogPump pump =
        new LogPump(pipe, (g, s, t, m) -> lines.add(m), "g", "s", InstantSource.system());
    TailBuffer tail = new TailBuffer(4096);
    pump.capture(tail);
    pump.start("test-pump");
    assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
    pump.whenDrained(() -> pump.platform("END"));
    assertThat(lines).containsExactly("one", "two", "three-without-newline", "END");
  }

  @Test
  void aDrainReadsWhatThePipeHoldsEvenWhenTheReaderThreadHasNotRun() throws Exception {
    // The reader thread is never started: the drain alone must find the lines written before it.
    List<String> lines = new CopyOnWriteArrayList<>();
    OutputPipe pipe = OutputPipe.open();
    Path written = dir.resolve("written");
    Process p = start(pipe, "printf 'before\\nthe answer\\n'; : > '" + written + "'; sleep 5");
    try {
      LogPump pump =
          new LogPump(pipe, (g, s, t, m) -> lines.add(m), "g", "s", InstantSource.system());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!Files.exists(written) && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(written).exists();
      pump.whenDrained(() -> pump.platform("END"));
      assertThat(lines).containsExactly("before", "the answer", "END");
    } finally {
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyLinePrintedBeforeEachDrainPrecedesItsEndOverManyRounds() throws Exception {
    // A process that prints a numbered line, then says so through a FIFO; the "response" (the
    // drain) comes only after that, as a runtime posts its response after printing.
    List<String> lines = new CopyOnWriteArrayList<>();
    Path fifo = dir.resolve("acks");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    OutputPipe out = OutputPipe.open();
    Process q =
        new ProcessBuilder(
                "sh",
                "-c",
                "exec 3>'"
                    + fifo
                    + "'; i=0; while read x; do i=$((i+1)); echo \"line $i\"; echo \"$i\" >&3;"
                    + " done")
            .redirectOutput(ProcessBuilder.Redirect.to(out.writeEnd()))
            .redirectErrorStream(true)
            .start();
    out.closeWriteEnd();
    LogPump pump = new LogPump(out, (g, s, t, m) -> lines.add(m), "g", "s", InstantSource.system());
    pump.start("test-pump-rounds");
    try (var acks = new java.io.BufferedReader(new java.io.FileReader(fifo.toFile()));
        var in = q.outputWriter()) {
      for (int i = 1; i <= 300; i++) {
        in.write("go\n");
        in.flush();
        assertThat(acks.readLine()).isEqualTo(Integer.toString(i));
        int round = i;
        pump.whenDrained(() -> pump.platform("END " + round));
      }
    } finally {
      q.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      expected.add("line " + i);
      expected.add("END " + i);
    }
    assertThat(lines).containsExactlyElementsOf(expected);
  }

  @Test
  void aVeryLongLineIsCutIntoPiecesOfAtMost256Kilobytes() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    OutputPipe pipe = OutputPipe.open();
    Process p = start(pipe, "head -c 600000 /dev/zero | tr '\\0' 'x'; echo; echo after");
    LogPump pump =
        new LogPump(pipe, (g, s, t, m) -> lines.add(m), "g", "s", InstantSource.system());
    pump.start("test-pump-2");
    assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
    pump.whenDrained(() -> {});
    assertThat(lines).hasSize(4);
    assertThat(lines.subList(0, 3).stream().mapToInt(String::length).sum()).isEqualTo(600000);
    assertThat(lines.get(0).length()).isEqualTo(256 * 1024);
    assertThat(lines.get(3)).isEqualTo("after");
  }

  @Test
  void theReaderClosesThePipeAtEndOfFile() throws Exception {
    OutputPipe pipe = OutputPipe.open();
    Process p = start(pipe, "echo bye");
    List<String> lines = new CopyOnWriteArrayList<>();
    LogPump pump =
        new LogPump(pipe, (g, s, t, m) -> lines.add(m), "g", "s", InstantSource.system());
    Thread reader = Thread.ofPlatform().start(pump);
    assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
    reader.join(5000);
    assertThat(reader.isAlive()).isFalse();
    assertThat(lines).containsExactly("bye");
    assertThat(pipe.readAtWakeUp(new byte[1])).isEqualTo(-1);
  }
}
