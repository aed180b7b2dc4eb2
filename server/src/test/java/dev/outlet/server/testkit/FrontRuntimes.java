package dev.outlet.server.testkit;

/**
 * Shell runtimes for the HTTP front's tests (same prelude as {@link Runtimes}): a function that
 * answers a fixed output, and Lambda authorizers.
 */
public final class FrontRuntimes {
  private FrontRuntimes() {}

  /** Answers {@code $RESPONSE} verbatim to every invocation (after {@code $SLEEP_SECONDS}). */
  public static String fixed() {
    return Runtimes.PRELUDE
        + """
        while true; do
          next
          if [ -n "${SLEEP_SECONDS:-}" ]; then sleep "$SLEEP_SECONDS"; fi
          respond "$RESPONSE"
        done
        """;
  }

  /**
   * A simple-response authorizer: allows when the event holds {@code allow-me}, denies otherwise;
   * the context names how many times this runtime process was called ({@code calls}), so a cached
   * answer shows an older count.
   */
  public static String simpleAuthorizer() {
    return Runtimes.PRELUDE
        + """
        CALLS=0
        while true; do
          next
          CALLS=$((CALLS + 1))
          if grep -q allow-me "$WORK/event"; then OK=true; else OK=false; fi
          respond "{\\"isAuthorized\\":$OK,\\"context\\":{\\"calls\\":$CALLS,\\"user\\":\\"alice\\"}}"
        done
        """;
  }

  /**
   * An IAM-policy authorizer: Allow on every route of the API when the event holds {@code
   * allow-me}, else Deny; principal {@code user-1}.
   */
  public static String policyAuthorizer() {
    return Runtimes.PRELUDE
        + """
        while true; do
          next
          if grep -q allow-me "$WORK/event"; then EFFECT=Allow; else EFFECT=Deny; fi
          respond "{\\"principalId\\":\\"user-1\\",\\"policyDocument\\":{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Action\\":\\"execute-api:Invoke\\",\\"Effect\\":\\"$EFFECT\\",\\"Resource\\":\\"arn:aws:execute-api:*\\"}]},\\"context\\":{\\"tier\\":\\"gold\\"}}"
        done
        """;
  }

  /**
   * Answers {@code {"statusCode":200,"body":"<the event as a JSON string>"}}: a valid response in
   * both payload formats, carrying the event it received.
   */
  public static String wrapped() {
    return Runtimes.PRELUDE
        + """
        while true; do
          next
          ESC=$(sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g' "$WORK/event")
          printf '{"statusCode":200,"headers":{"content-type":"application/json"},"body":"%s"}' "$ESC" > "$WORK/out"
          respond_file "$WORK/out"
        done
        """;
  }
}
