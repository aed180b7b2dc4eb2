package dev.outlet.edge;

import java.time.Instant;
import java.util.Optional;

/** Where the {@link SigV4Verifier} finds the secret behind an access key id. Thread-safe. */
@FunctionalInterface
public interface SigningKeys {

  /** The active key with this id, or empty when there is none (or it is deactivated). */
  Optional<SigningKey> find(String accessKeyId);

  /**
   * A secret that signs requests.
   *
   * @param accessKeyId {@code AKIA...} for long-term keys, {@code ASIA...} for temporary ones
   * @param secret the secret access key
   * @param sessionToken the token a temporary key must be sent with, else null
   * @param expires when a temporary key stops working, else null
   * @param principalArn who signs with it ({@code arn:aws:iam::123456789012:user/alice}, ...)
   */
  record SigningKey(
      String accessKeyId,
      String secret,
      String sessionToken,
      Instant expires,
      String principalArn) {

    @Override
    public String toString() {
      return "SigningKey[" + accessKeyId + ", " + principalArn + "]"; // never the secret
    }
  }
}
