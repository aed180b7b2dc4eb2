package dev.outlet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SmallPiecesTest {

  @Test
  void aPayloadMustBeOneCompleteJsonValue() {
    for (String ok :
        new String[] {
          "{}", " [1]", "\"s\"", "-1", "3", "true", "false", "null", "\uFEFF{}", "{\"a\":[1,{}]}\n"
        }) {
      JsonPayload.check(ok.getBytes(StandardCharsets.UTF_8));
    }
    for (String bad :
        new String[] {
          "hello",
          "   ",
          "<xml/>",
          "{\"a\":",
          "{\"a\":1}}",
          "[1,]",
          "{} {}",
          "1 2",
          "{\"a\" 1}",
          "\"unterminated",
          "[1, 2"
        }) {
      assertThatThrownBy(() -> JsonPayload.check(bad.getBytes(StandardCharsets.UTF_8)))
          .as(bad)
          .isInstanceOf(LambdaException.class)
          .hasMessageStartingWith(
              "Could not parse request body into json: Could not parse payload into json: ")
          .extracting(e -> ((LambdaException) e).code())
          .isEqualTo(ErrorCode.INVALID_REQUEST_CONTENT);
    }
    assertThatThrownBy(() -> JsonPayload.check("{\"a\":".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("Unexpected end-of-input");
  }

  @Test
  void idsAreVersion4Uuids() {
    assertThat(Ids.uuid())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(Ids.uuid()).isNotEqualTo(Ids.uuid());
  }

  @Test
  void hexIdsHaveTheDigitsAskedForAndDiffer() {
    assertThat(Ids.hex(24)).matches("[0-9a-f]{24}");
    assertThat(Ids.hex(32)).matches("[0-9a-f]{32}");
    assertThat(Ids.hex(24)).isNotEqualTo(Ids.hex(24));
  }

  @Test
  void errorBodiesUseEachExceptionsMemberCasing() {
    assertThat(ErrorResponses.body(LambdaException.notFound("x")))
        .isEqualTo("{\"Type\":\"User\",\"Message\":\"x\"}");
    assertThat(ErrorResponses.body(LambdaException.invalidParameter("y")))
        .isEqualTo("{\"Type\":\"User\",\"message\":\"y\"}");
    assertThat(
            ErrorResponses.body(
                LambdaException.throttled("ReservedFunctionConcurrentInvocationLimitExceeded")))
        .isEqualTo(
            "{\"Type\":\"User\",\"message\":\"Rate Exceeded.\",\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\"}");
    assertThat(ErrorResponses.body(new LambdaException(ErrorCode.VALIDATION, "v")))
        .isEqualTo("{\"message\":\"v\"}");
  }
}
