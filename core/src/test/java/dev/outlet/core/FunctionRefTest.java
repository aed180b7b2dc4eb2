package dev.outlet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FunctionRefTest {

  @Test
  void parsesAPlainName() {
    assertThat(FunctionRef.parse("my-fn")).isEqualTo(new FunctionRef(null, null, "my-fn", null));
  }

  @Test
  void parsesANameWithAQualifier() {
    assertThat(FunctionRef.parse("my-fn:$LATEST").qualifier()).isEqualTo("$LATEST");
    assertThat(FunctionRef.parse("my-fn:prod").qualifier()).isEqualTo("prod");
  }

  @Test
  void parsesAPartialArn() {
    assertThat(FunctionRef.parse("123456789012:function:my-fn"))
        .isEqualTo(new FunctionRef(null, "123456789012", "my-fn", null));
  }

  @Test
  void parsesAFullArnWithQualifier() {
    assertThat(FunctionRef.parse("arn:aws:lambda:eu-west-1:123456789012:function:my-fn:7"))
        .isEqualTo(new FunctionRef("eu-west-1", "123456789012", "my-fn", "7"));
  }

  @Test
  void refusesSomethingThatIsNoFunctionName() {
    assertThatThrownBy(() -> FunctionRef.parse("arn:aws:s3:::bucket"))
        .isInstanceOf(LambdaException.class)
        .hasMessageContaining("failed to satisfy constraint");
    assertThatThrownBy(() -> FunctionRef.parse("bad name"))
        .hasMessageContaining("Member must satisfy regular expression pattern");
  }

  @Test
  void refusesANameLongerThan64() {
    assertThatThrownBy(() -> FunctionRef.parse("a".repeat(65)))
        .hasMessageContaining("less than or equal to 64");
  }
}
