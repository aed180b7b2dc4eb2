package dev.outlet.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformLinesTest {

  @Test
  void aColdReportCarriesInitDurationAndEndsWithATab() {
    assertThat(PlatformLines.report("id", 3.014, 114, 128, 36, 110.1, null, null))
        .isEqualTo(
            "REPORT RequestId: id\tDuration: 3.01 ms\tBilled Duration: 114 ms\tMemory Size: 128 MB"
                + "\tMax Memory Used: 36 MB\tInit Duration: 110.10 ms\t");
  }

  @Test
  void aWarmReportHasNoInitDuration() {
    assertThat(PlatformLines.report("id", 1, 1, 256, 40, -1, null, null))
        .isEqualTo(
            "REPORT RequestId: id\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 256 MB"
                + "\tMax Memory Used: 40 MB\t");
  }

  @Test
  void aFailedReportEndsWithStatusAndErrorTypeWithoutTrailingTab() {
    assertThat(PlatformLines.report("id", 1, 1, 128, 128, -1, "error", "Runtime.OutOfMemory"))
        .endsWith("\tStatus: error\tError Type: Runtime.OutOfMemory");
    assertThat(PlatformLines.report("id", 1, 1, 128, 10, -1, "timeout", null))
        .endsWith("\tMax Memory Used: 10 MB\tStatus: timeout");
  }

  @Test
  void billingRoundsUpAndIncludesInitForCustomRuntimes() {
    assertThat(PlatformLines.billed(3.01, -1)).isEqualTo(4);
    assertThat(PlatformLines.billed(3.01, 110.1)).isEqualTo(114);
  }

  @Test
  void memoryIsReportedInWholeMegabytesRoundedUp() {
    assertThat(PlatformLines.megabytes(0)).isEqualTo(1);
    assertThat(PlatformLines.megabytes(1 << 20)).isEqualTo(1);
    assertThat(PlatformLines.megabytes((1 << 20) + 1)).isEqualTo(2);
  }

  @Test
  void startEndAndInitReportLines() {
    assertThat(PlatformLines.start("id", "$LATEST"))
        .isEqualTo("START RequestId: id Version: $LATEST");
    assertThat(PlatformLines.end("id")).isEqualTo("END RequestId: id");
    assertThat(PlatformLines.initReport(0.44, "init", "error", "Runtime.InvalidEntrypoint"))
        .isEqualTo(
            "INIT_REPORT Init Duration: 0.44 ms\tPhase: init\tStatus: error\tError Type:"
                + " Runtime.InvalidEntrypoint");
  }
}
