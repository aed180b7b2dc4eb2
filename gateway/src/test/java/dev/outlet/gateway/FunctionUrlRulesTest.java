package dev.outlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Function URL requests: Lambda's messages, merges of updates and PascalCase rendering. */
class FunctionUrlRulesTest {

  @Test
  void anAuthTypeIsRequiredOnCreateAndMustBeNoneOrAwsIam() {
    assertThatThrownBy(() -> FunctionUrlRules.authType(null, true))
        .hasMessageContaining("Member must satisfy enum value set: [NONE, AWS_IAM]");
    assertThatThrownBy(() -> FunctionUrlRules.authType("OPEN", false))
        .hasMessageContaining("OPEN")
        .hasMessageContaining("authType");
    assertThat(FunctionUrlRules.authType("AWS_IAM", true)).isEqualTo("AWS_IAM");
  }

  @Test
  void theInvokeModeDefaultsToBufferedAndIsOneOfLambdasTwo() {
    assertThat(FunctionUrlRules.invokeMode(null)).isEqualTo("BUFFERED");
    assertThat(FunctionUrlRules.invokeMode("RESPONSE_STREAM")).isEqualTo("RESPONSE_STREAM");
    assertThatThrownBy(() -> FunctionUrlRules.invokeMode("STREAMING"))
        .hasMessageContaining(
            "Value 'STREAMING' at 'invokeMode' failed to satisfy constraint: Member must satisfy"
                + " enum value set: [BUFFERED, RESPONSE_STREAM]");
  }

  @Test
  void corsLimitsKeepLambdasWords() {
    assertThatThrownBy(
            () ->
                FunctionUrlRules.cors(
                    new FunctionUrlConfig.Cors(null, null, null, null, null, 90000)))
        .hasMessageContaining("Member must have value less than or equal to 86400");
    assertThatThrownBy(
            () ->
                FunctionUrlRules.cors(
                    new FunctionUrlConfig.Cors(
                        null, null, List.of("a", "b", "c", "d", "e", "f", "g"), null, null, null)))
        .hasMessageContaining("[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\"]")
        .hasMessageContaining("Member must have length less than or equal to 6");
  }

  @Test
  void anUpdateKeepsWhatItDoesNotGiveAndRenderingShowsTheUrlNotItsId() throws Exception {
    FunctionUrlConfig stored =
        new FunctionUrlConfig(null, "id1", "arn:f", "NONE", null, "BUFFERED", "t0", "t0");
    FunctionUrlConfig next =
        stored.merge(
            ApisModel.MAPPER.readValue(
                "{\"AuthType\":\"AWS_IAM\"}", FunctionUrlConfig.Request.class),
            "t1");
    assertThat(next.authType()).isEqualTo("AWS_IAM");
    assertThat(next.invokeMode()).isEqualTo("BUFFERED");
    assertThat(next.creationTime()).isEqualTo("t0");
    assertThat(next.lastModifiedTime()).isEqualTo("t1");
    String created = ApisModel.write(next.rendered("https://u/", false));
    assertThat(created)
        .startsWith("{\"FunctionUrl\":\"https://u/\"")
        .contains("\"AuthType\":\"AWS_IAM\"")
        .doesNotContain("UrlId")
        .doesNotContain("LastModifiedTime");
    assertThat(ApisModel.write(next.rendered("https://u/", true)))
        .contains("\"LastModifiedTime\":\"t1\"");
  }
}
