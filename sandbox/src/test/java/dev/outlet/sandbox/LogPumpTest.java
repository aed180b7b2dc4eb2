package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The log pump over a real process's pipe. */
class LogPumpTest {

  @Test
  void linesArriveInOrderAndEndFollowsWhatWasPrintedBefore() throws Exception {
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    List<String> lines = new CopyOnWriteArrayList<>();
    Process p =
        new ProcessBuilder("sh", "-c", "printf 'one\\r\\ntwo\\nthree-without-newline'; sleep 0.2")
            .redirectErrorStream(true)
            .start();
    LogPump pump =
        new LogPump(
            p.getInputStream(),
            (g, s, t, m) -> lines.add(m),
            "g",
            "s",
            InstantSource.system(),
            timers);
    TailBuffer tail = new TailBuffer(4096);
    pump.capture(tail);
    pump.start("test-pump");
    assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
    CountDownLatch drained = new CountDownLatch(1);
    pump.whenDrained(
        () -> {
          pump.platform("END");
          drained.countDown();
        });
    assertThat(drained.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(lines).containsExactly("one", "two", "three-without-newline", "END");
    timers.shutdownNow();
  }

  @Test
  void aVeryLongLineIsCutIntoPiecesOfAtMost256Kilobytes() throws IOException, InterruptedException {
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    List<String> lines = new CopyOnWriteArrayList<>();
    Process p =
        new ProcessBuilder("sh", "-c", "head -c 600000 /dev/zero | tr '\\0' 'x'; echo; echo after")
            .redirectErrorStream(true)
            .start();
    LogPump pump =
        new LogPump(
            p.getInputStream(),
            (g, s, t, m) -> lines.add(m),
            "g",
            "s",
            InstantSource.system(),
            timers);
    pump.start("test-pump-2");
    assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
    CountDownLatch drained = new CountDownLatch(1);
    pump.whenDrained(drained::countDown);
    assertThat(drained.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(lines).hasSize(4);
    assertThat(lines.subList(0, 3).stream().mapToInt(String::length).sum()).isEqualTo(600000);
    assertThat(lines.get(0).length()).isEqualTo(256 * 1024);
    assertThat(lines.get(3)).isEqualTo("after");
    timers.shutdownNow();
  }
}
