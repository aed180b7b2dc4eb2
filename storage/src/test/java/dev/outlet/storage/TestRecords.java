package dev.outlet.storage;

import dev.outlet.core.Architecture;
import dev.outlet.core.CodeRef;
import dev.outlet.core.Entrypoint;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.LoggingConfig;
import java.time.Instant;
import java.util.Map;

/** Function records for repository tests, also used by the child JVM of the kill -9 test. */
public final class TestRecords {
  private TestRecords() {}

  public static FunctionRecord record(String name, String revision) {
    return new FunctionRecord(
        name,
        new FunctionConfig(
            "provided.al2023",
            "main",
            "arn:aws:iam::123456789012:role/lambda",
            "a function",
            256,
            30,
            Architecture.ARM64,
            512,
            Map.of("GREETING", "hello", "EMPTY", ""),
            new LoggingConfig("JSON", "DEBUG", "WARN", "/custom/group")),
        new CodeRef("ab".repeat(32), "q80=", 1234, 5678),
        new Entrypoint("bootstrap", Entrypoint.Kind.BOOTSTRAP, false, Architecture.ARM64),
        revision,
        Instant.parse("2026-11-26T10:15:30.123456789Z"),
        FunctionRecord.NO_RESERVATION);
  }
}
