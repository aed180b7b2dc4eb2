package dev.outlet.edge;

/**
 * Who made a request, as the {@link RequestVerifier} established it.
 *
 * @param accessKeyId the key that signed it, or null when unsigned
 * @param principalArn the verified principal ({@code arn:aws:iam::123456789012:user/alice}); null
 *     when nothing was verified ({@code --auth open}), where the account's root stands in
 */
public record Caller(String accessKeyId, String principalArn) {

  /** A request taken on trust: whatever key it names (if any), nobody in particular. */
  public static Caller unverified(RequestIdentity identity) {
    return new Caller(
        identity == null || identity.credential() == null
            ? null
            : identity.credential().accessKeyId(),
        null);
  }

  /** Whether the principal was verified. */
  public boolean verified() {
    return principalArn != null;
  }
}
