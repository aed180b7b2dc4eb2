package dev.outlet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.api.model.CreateFunctionRequest;
import dev.outlet.api.model.SnapStart;
import dev.outlet.api.model.UpdateFunctionConfigurationRequest;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.LambdaException;
import dev.outlet.core.SnapStartApplyOn;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** SnapStart's validation, AWS's messages, and how create and update apply it. */
class SnapStartRulesTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/lambda-execution-role";

  private static <T> T bind(String s, Class<T> type) {
    return WireJson.read(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8), type);
  }

  private static FunctionConfig create(String runtime, String snapStart) {
    return RequestValidator.config(
        bind(
            "{'Role':'"
                + ROLE
                + "','Runtime':'"
                + runtime
                + "','Handler':'h'"
                + (snapStart == null ? "" : ",'SnapStart':" + snapStart)
                + "}",
            CreateFunctionRequest.class),
        null);
  }

  private static void fails(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(LambdaException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((LambdaException) e).code()).isEqualTo(code));
  }

  @Test
  void applyOnIsAwssEnum() {
    assertThat(SnapStartRules.applyOn(null, SnapStartApplyOn.PUBLISHED_VERSIONS))
        .isEqualTo(SnapStartApplyOn.PUBLISHED_VERSIONS);
    assertThat(SnapStartRules.applyOn(new SnapStart("PublishedVersions"), SnapStartApplyOn.NONE))
        .isEqualTo(SnapStartApplyOn.PUBLISHED_VERSIONS);
    assertThat(SnapStartRules.applyOn(new SnapStart("None"), SnapStartApplyOn.PUBLISHED_VERSIONS))
        .isEqualTo(SnapStartApplyOn.NONE);
    assertThat(SnapStartRules.applyOn(new SnapStart(null), SnapStartApplyOn.PUBLISHED_VERSIONS))
        .isEqualTo(SnapStartApplyOn.NONE);
    fails(
        () -> SnapStartRules.applyOn(new SnapStart("publishedVersions"), SnapStartApplyOn.NONE),
        ErrorCode.VALIDATION,
        "1 validation error detected: Value 'publishedVersions' at 'snapStart.applyOn' failed to"
            + " satisfy constraint: Member must satisfy enum value set: [PublishedVersions, None]");
  }

  @Test
  void theRuntimesLambdaOffersSnapStartFor() {
    for (String yes :
        new String[] {
          "java11",
          "java17",
          "java21",
          "java25",
          "python3.12",
          "python3.13",
          "python3.14",
          "dotnet8",
          "dotnet10"
        }) {
      assertThat(SnapStartRules.supports(yes)).as(yes).isTrue();
    }
    for (String no :
        new String[] {
          "java8.al2",
          "python3.11",
          "python3.9",
          "nodejs20.x",
          "nodejs24.x",
          "provided.al2023",
          "provided",
          "go1.x",
          "ruby3.4",
          "java",
          ""
        }) {
      assertThat(SnapStartRules.supports(no)).as(no).isFalse();
    }
    assertThat(SnapStartRules.supports(null)).isFalse();
  }

  @Test
  void createAndUpdateApplyItAndRefuseItOnRuntimesWithout() {
    assertThat(create("java21", null).snapStart()).isEqualTo(SnapStartApplyOn.NONE);
    FunctionConfig on = create("java17", "{'ApplyOn':'PublishedVersions'}");
    assertThat(on.snapStart()).isEqualTo(SnapStartApplyOn.PUBLISHED_VERSIONS);
    assertThat(on.snapStartsVersions()).isTrue();
    assertThat(create("nodejs20.x", "{'ApplyOn':'None'}").snapStart())
        .isEqualTo(SnapStartApplyOn.NONE);
    fails(
        () -> create("nodejs20.x", "{'ApplyOn':'PublishedVersions'}"),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "nodejs20.x is not supported for SnapStart enabled functions.");
    fails(
        () -> create("java21", "{'ApplyOn':'Sometimes'}"),
        ErrorCode.VALIDATION,
        "1 validation error detected: Value 'Sometimes' at 'snapStart.applyOn' failed to satisfy"
            + " constraint: Member must satisfy enum value set: [PublishedVersions, None]");

    // an update keeps what it leaves out, and the pair it leaves must be one Lambda serves
    assertThat(
            RequestValidator.config(
                    bind("{'Timeout':9}", UpdateFunctionConfigurationRequest.class), on)
                .snapStart())
        .isEqualTo(SnapStartApplyOn.PUBLISHED_VERSIONS);
    assertThat(
            RequestValidator.config(
                    bind(
                        "{'SnapStart':{'ApplyOn':'None'}}",
                        UpdateFunctionConfigurationRequest.class),
                    on)
                .snapStart())
        .isEqualTo(SnapStartApplyOn.NONE);
    fails(
        () ->
            RequestValidator.config(
                bind("{'Runtime':'python3.11'}", UpdateFunctionConfigurationRequest.class), on),
        ErrorCode.INVALID_PARAMETER_VALUE,
        "python3.11 is not supported for SnapStart enabled functions.");
  }
}
