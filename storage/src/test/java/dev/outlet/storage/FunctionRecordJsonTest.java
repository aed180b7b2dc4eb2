package dev.outlet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.FunctionConfig;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.SnapStartApplyOn;
import dev.outlet.core.TracingMode;
import org.junit.jupiter.api.Test;

class FunctionRecordJsonTest {

  @Test
  void anImageFunctionsCodeRoundTripsAndAZipRecordWrittenBeforeImagesReadsAsAZip() {
    FunctionRecord r = TestRecords.record("img", "r1");
    dev.outlet.core.ImageCode image =
        new dev.outlet.core.ImageCode(
            "127.0.0.1:9001/fn:v1",
            "127.0.0.1:9001/fn@sha256:" + "a".repeat(64),
            "sha256:" + "a".repeat(64),
            "sha256:" + "b".repeat(64),
            java.util.List.of("/lambda-entrypoint.sh"),
            java.util.List.of("app.handler"),
            "/var/task",
            java.util.List.of("PATH=/usr/bin", "A=1"),
            new dev.outlet.core.ImageSettings(null, java.util.List.of("other.handler"), null));
    FunctionRecord imaged =
        new FunctionRecord(
            r.name(),
            r.config(),
            dev.outlet.core.CodeRef.of(image),
            null,
            r.revisionId(),
            r.lastModified(),
            r.reservedConcurrency());
    String written = FunctionRecordJson.write("img", imaged);
    assertThat(written).doesNotContain("containerImage");
    assertThat(FunctionRecordJson.read("img", written, FunctionRecord.class)).isEqualTo(imaged);

    String zip = FunctionRecordJson.write("zip", r).replace(",\"image\":null", "");
    assertThat(zip).doesNotContain("\"image\"");
    FunctionRecord read = FunctionRecordJson.read("zip", zip, FunctionRecord.class);
    assertThat(read).isEqualTo(r);
    assertThat(read.code().containerImage()).isFalse();
  }

  @Test
  void theTracingModeRoundTrips() {
    FunctionRecord r = TestRecords.record("traced", "r1");
    FunctionConfig c = r.config();
    FunctionRecord active =
        new FunctionRecord(
            r.name(),
            new FunctionConfig(
                c.runtime(),
                c.handler(),
                c.role(),
                c.description(),
                c.memorySize(),
                c.timeout(),
                c.architecture(),
                c.ephemeralStorage(),
                c.environment(),
                c.logging(),
                TracingMode.ACTIVE),
            r.code(),
            r.entrypoint(),
            r.revisionId(),
            r.lastModified(),
            r.reservedConcurrency());

    assertThat(
            FunctionRecordJson.read(
                "traced", FunctionRecordJson.write("traced", active), FunctionRecord.class))
        .isEqualTo(active);
  }

  @Test
  void aRecordStoredBeforeTracingExistedReadsAsPassThrough() {
    FunctionRecord r = TestRecords.record("old", "r1");
    String written = FunctionRecordJson.write(r.name(), r);
    String old = written.replace(",\"tracing\":\"PASS_THROUGH\"", "");
    assertThat(old).as("the stored form without the member").doesNotContain("tracing");

    FunctionRecord read = FunctionRecordJson.read("old", old, FunctionRecord.class);

    assertThat(read.config().tracing()).isEqualTo(TracingMode.PASS_THROUGH);
    assertThat(read).isEqualTo(r);
  }

  @Test
  void snapStartRoundTripsAndARecordStoredBeforeItReadsAsNone() {
    FunctionRecord r = TestRecords.record("snap", "r1");
    FunctionConfig c = r.config();
    FunctionRecord on =
        new FunctionRecord(
            r.name(),
            new FunctionConfig(
                c.runtime(),
                c.handler(),
                c.role(),
                c.description(),
                c.memorySize(),
                c.timeout(),
                c.architecture(),
                c.ephemeralStorage(),
                c.environment(),
                c.logging(),
                c.tracing(),
                c.layers(),
                SnapStartApplyOn.PUBLISHED_VERSIONS),
            r.code(),
            r.entrypoint(),
            r.revisionId(),
            r.lastModified(),
            r.reservedConcurrency());
    assertThat(
            FunctionRecordJson.read(
                "snap", FunctionRecordJson.write("snap", on), FunctionRecord.class))
        .isEqualTo(on);

    String old = FunctionRecordJson.write(r.name(), r).replace(",\"snapStart\":\"NONE\"", "");
    assertThat(old).doesNotContain("snapStart");
    assertThat(FunctionRecordJson.read("snap", old, FunctionRecord.class).config().snapStart())
        .isEqualTo(SnapStartApplyOn.NONE);
  }
}
