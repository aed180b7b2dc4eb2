package dev.outlet.server.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Catches the SDK exception a call must throw and checks what the wire said. */
public final class AwsErrors {
  private AwsErrors() {}

  /** Runs {@code call}, which must throw exactly {@code type}; returns the exception. */
  public static <E extends AwsServiceException> E thrownBy(Class<E> type, ThrowingCallable call) {
    try {
      call.call();
    } catch (Throwable t) {
      assertThat(t.getClass()).as("exception class, message: %s", t.getMessage()).isEqualTo(type);
      return type.cast(t);
    }
    throw new AssertionError("expected " + type.getSimpleName() + " but the call succeeded");
  }

  /** Asserts the HTTP status, the error code and the exact message. */
  public static void assertError(AwsServiceException e, int status, String code, String message) {
    assertThat(e.statusCode()).as("HTTP status").isEqualTo(status);
    assertThat(e.awsErrorDetails().errorCode()).as("error code").isEqualTo(code);
    assertThat(e.awsErrorDetails().errorMessage()).as("message").isEqualTo(message);
  }
}
