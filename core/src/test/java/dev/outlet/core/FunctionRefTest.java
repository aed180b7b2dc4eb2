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
  void theBareNameShortcutAgreesWithThePatternOnEveryShortString() {
    // Every string of up to 3 characters over an alphabet with each kind of character the
    // pattern treats differently: the shortcut must give what the full pattern gives, or refuse.
    String alphabet = "aZ0-_.:$ /";
    java.util.List<String> strings = new java.util.ArrayList<>(java.util.List.of(""));
    for (int len = 1; len <= 3; len++) {
      java.util.List<String> next = new java.util.ArrayList<>();
      for (String p : strings) {
        if (p.length() == len - 1) {
          for (char c : alphabet.toCharArray()) {
            next.add(p + c);
          }
        }
      }
      strings.addAll(next);
    }
    java.util.regex.Pattern plain = java.util.regex.Pattern.compile("[a-zA-Z0-9-_.]+");
    for (String s : strings) {
      assertThat(FunctionRef.plainName(s) && !s.isEmpty())
          .as("%s", s)
          .isEqualTo(plain.matcher(s).matches());
      if (!s.isEmpty() && FunctionRef.plainName(s)) {
        assertThat(FunctionRef.parse(s)).isEqualTo(new FunctionRef(null, null, s, null));
      }
    }
    assertThatThrownBy(() -> FunctionRef.parse("a".repeat(65)))
        .hasMessageContaining("Member must have length less than or equal to 64");
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
