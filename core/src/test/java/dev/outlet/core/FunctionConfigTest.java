package dev.outlet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionConfigTest {
  private static final FunctionConfig CONFIG =
      new FunctionConfig(
          "python3.12",
          "app.handler",
          "arn:aws:iam::123456789012:role/r",
          "a description",
          256,
          30,
          Architecture.ARM64,
          1024,
          Map.of("STAGE", "prod"),
          new LoggingConfig("JSON", "INFO", "WARN", "/custom/group"),
          TracingMode.ACTIVE,
          List.of(
              new LayerRef(
                  "arn:aws:lambda:us-east-1:123456789012:layer:l:1",
                  new CodeRef("ab", "cd", 1, 2))),
          SnapStartApplyOn.PUBLISHED_VERSIONS,
          "arn:aws:kms:us-east-1:123456789012:key/k",
          "arn:aws:sqs:us-east-1:123456789012:dlq");

  /**
   * A sandbox's key is built from these records' {@code toString}s, written out by hand: a
   * component one left out would let a sandbox of the old settings serve the new ones. Every
   * component, in the record's order, as a record writes it.
   */
  @Test
  void toStringNamesEveryComponentInOrderAsARecordDoes() throws Exception {
    for (Record r :
        List.of(
            CONFIG,
            CONFIG.logging(),
            new Entrypoint(
                "bin/app", Entrypoint.Kind.BOOTSTRAP, true, Architecture.X86_64, "why"))) {
      assertThat(r).hasToString(asARecordWrites(r));
    }
  }

  private static String asARecordWrites(Record r) throws Exception {
    StringBuilder expected = new StringBuilder(r.getClass().getSimpleName()).append('[');
    RecordComponent[] components = r.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      Object value = components[i].getAccessor().invoke(r);
      assertThat(value).as(components[i].getName()).isNotNull();
      expected.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=').append(value);
    }
    return expected.append(']').toString();
  }

  @Test
  void nullComponentsAreWrittenAsNull() {
    FunctionConfig c =
        new FunctionConfig(
            "provided.al2", null, null, null, 128, 3, Architecture.X86_64, 512, null, null);
    assertThat(c.toString())
        .startsWith("FunctionConfig[runtime=provided.al2, handler=null, role=null,")
        .contains(", environment=null, ")
        .endsWith(", kmsKeyArn=null, deadLetterTargetArn=null]");
  }
}
