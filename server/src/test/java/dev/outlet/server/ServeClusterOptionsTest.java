package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code serve}'s cluster options, checked as a start checks them (nothing is started). */
class ServeClusterOptionsTest {
  private static final String STORE = "postgresql://outlet@db.internal/lambda";

  private static ServeCommand.Settings settings(String... args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args);
    return serve.settings();
  }

  private static ClusterStore cluster(String... args) {
    ServeCommand.Settings s = settings(args);
    assertThat(s).isInstanceOf(ServeCommand.Settings.Valid.class);
    return ((ServeCommand.Settings.Valid) s).config().cluster();
  }

  @Test
  void unusedSharedBlobsAreKeptAnHourUnlessSaidOtherwise() {
    assertThat(cluster("--store", STORE).unusedBlobGrace()).isEqualTo(Duration.ofHours(1));
    assertThat(cluster("--store", STORE, "--unused-blob-grace", "120").unusedBlobGrace())
        .isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void aGraceWithoutAClusterOrBelowZeroIsRefusedSayingWhy() {
    assertThat(settings("--unused-blob-grace", "60"))
        .isEqualTo(
            new ServeCommand.Settings.Refused(
                "--unused-blob-grace goes with --store (one machine removes unused code at once)"));
    assertThat(settings("--store", STORE, "--unused-blob-grace", "-1"))
        .isEqualTo(
            new ServeCommand.Settings.Refused(
                "--unused-blob-grace must be 0 or more seconds, got -1"));
  }

  @Test
  void passesComeEveryQuarterOfTheGraceBetweenASecondAndTenMinutes() {
    assertThat(SharedBlobCollector.interval(Duration.ofSeconds(2)))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(SharedBlobCollector.interval(Duration.ofMinutes(20)))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(SharedBlobCollector.interval(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(10));
  }
}
