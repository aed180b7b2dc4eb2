package dev.outlet.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.local.sam.SamFunction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionPlanTest {
  private static final SamFunction F =
      new SamFunction(
          "Fn",
          "s-Fn",
          Path.of("/code"),
          "bootstrap",
          "provided.al2023",
          "x86_64",
          128,
          3,
          null,
          Map.of("A", "1"),
          -1,
          List.of());

  private static JsonNode current(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  private static final String SAME =
      """
      {"Configuration": {"FunctionName": "s-Fn", "Runtime": "provided.al2023", "Handler": "bootstrap",
        "MemorySize": 128, "Timeout": 3, "Architectures": ["x86_64"], "Description": "",
        "CodeSha256": "abc=", "Environment": {"Variables": {"A": "1"}}}}
      """;

  @Test
  void anAbsentFunctionIsCreated() {
    FunctionPlan p = FunctionPlan.of(F, "abc=", null);
    assertThat(p.create()).isTrue();
    assertThat(p.describe()).isEqualTo("+ function s-Fn (create)");
  }

  @Test
  void anIdenticalFunctionNeedsNothing() throws Exception {
    assertThat(FunctionPlan.of(F, "abc=", current(SAME)).changes()).isFalse();
  }

  @Test
  void differencesAreNamedFieldByField() throws Exception {
    SamFunction g =
        new SamFunction(
            "Fn",
            "s-Fn",
            Path.of("/code"),
            "bootstrap",
            "provided.al2023",
            "arm64",
            256,
            3,
            "d",
            Map.of("A", "2"),
            5,
            List.of());
    FunctionPlan p = FunctionPlan.of(g, "new=", current(SAME));
    assertThat(p.code()).isTrue();
    assertThat(p.describe())
        .isEqualTo(
            "~ function s-Fn: code, MemorySize 128 → 256, Architectures x86_64 → arm64,"
                + " Description (none) → d, Environment, ReservedConcurrentExecutions → 5");
  }

  private static SamFunction withDeadLetter(String arn) {
    return new SamFunction(
        "Fn",
        "s-Fn",
        Path.of("/code"),
        "bootstrap",
        "provided.al2023",
        "x86_64",
        128,
        3,
        null,
        Map.of("A", "1"),
        -1,
        List.of(),
        arn,
        null);
  }

  @Test
  void aDeadLetterQueueIsComparedAndItsRemovalNamed() throws Exception {
    String q = "arn:aws:sqs:us-east-1:000000000000:dlq";
    assertThat(FunctionPlan.of(withDeadLetter(q), "abc=", current(SAME)).describe())
        .isEqualTo("~ function s-Fn: DeadLetterConfig (none) → " + q);
    JsonNode withDlq =
        current(
            SAME.replace(
                "\"CodeSha256\"",
                "\"DeadLetterConfig\": {\"TargetArn\": \"" + q + "\"}, \"CodeSha256\""));
    assertThat(FunctionPlan.of(withDeadLetter(q), "abc=", withDlq).changes()).isFalse();
    assertThat(FunctionPlan.of(F, "abc=", withDlq).describe())
        .isEqualTo("~ function s-Fn: DeadLetterConfig removed");
  }

  private static SamFunction image(String uri, boolean local, List<String> command) {
    return new SamFunction(
        "Img",
        "s-Img",
        null,
        null,
        null,
        "x86_64",
        128,
        3,
        null,
        Map.of(),
        -1,
        List.of(),
        null,
        null,
        new dev.outlet.local.sam.SamImage(uri, local, null, command, null));
  }

  private static final String IMAGE =
      """
      {"Code": {"ImageUri": "127.0.0.1:9001/s-img@sha256:aa"},
       "Configuration": {"FunctionName": "s-Img", "PackageType": "Image", "MemorySize": 128,
        "Timeout": 3, "Architectures": ["x86_64"], "Description": "", "CodeSha256": "aa",
        "ImageConfigResponse": {"ImageConfig": {"Command": ["x"]}}}}
      """;

  @Test
  void anImageFunctionIsComparedByDigestAndImageConfig() throws Exception {
    assertThat(FunctionPlan.of(image("/i", true, List.of("x")), "aa", current(IMAGE)).changes())
        .isFalse();
    FunctionPlan p = FunctionPlan.of(image("/i", true, List.of("y")), "bb", current(IMAGE));
    assertThat(p.describe()).isEqualTo("~ function s-Img: code, ImageConfig.Command [x] → [y]");
    FunctionPlan zip = FunctionPlan.of(F, "abc=", current(IMAGE));
    assertThat(zip.configuration()).contains("PackageType Image → Zip");
  }

  @Test
  void aRegistryImageUriIsComparedAsWrittenAndByTheDigestItsTagNames() throws Exception {
    String uri = "127.0.0.1:9001/s-img@sha256:aa";
    assertThat(FunctionPlan.of(image(uri, false, List.of("x")), null, current(IMAGE)).changes())
        .isFalse();
    assertThat(FunctionPlan.of(image(uri, false, List.of("x")), "cc", current(IMAGE)).code())
        .isTrue();
    assertThat(
            FunctionPlan.of(
                    image("127.0.0.1:9001/s-img:v2", false, List.of("x")), null, current(IMAGE))
                .code())
        .isTrue();
  }
}
