package dev.outlet.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The registry's login passwords, as {@code GetAuthorizationToken} hands them out (ECR's {@code
 * AWS:<password>}, valid 12 hours): {@code <base64url(expiry:principal)>.<base64url(HMAC)>} under a
 * key kept in {@code DATA/registry/token.key} (0600, made on the first start), so a password
 * survives a restart and nothing about it is stored. Pure but for the clock; thread-safe.
 */
public final class LoginTokens {
  /** How long a password is valid, as on AWS. */
  public static final Duration VALIDITY = Duration.ofHours(12);

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final byte[] key;
  private final InstantSource clock;

  LoginTokens(byte[] key, InstantSource clock) {
    this.key = key.clone();
    this.clock = clock;
  }

  static LoginTokens open(Path keyFile, InstantSource clock) throws IOException {
    if (!Files.exists(keyFile)) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      Path temp = keyFile.resolveSibling(keyFile.getFileName() + ".new");
      Files.deleteIfExists(temp);
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(temp, fresh);
      Files.move(temp, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return new LoginTokens(Files.readAllBytes(keyFile), clock);
  }

  /** A password and when it stops working. */
  public record Password(String password, Instant expiresAt) {}

  /** A new password for {@code principal} (an ARN, for the record). */
  public Password issue(String principal) {
    Instant expires = clock.instant().plus(VALIDITY);
    String payload =
        B64.encodeToString(
            (expires.getEpochSecond() + ":" + principal).getBytes(StandardCharsets.UTF_8));
    return new Password(payload + "." + B64.encodeToString(mac(payload)), expires);
  }

  /** Whether {@code password} was issued here and has not expired. */
  public boolean valid(String password) {
    if (password == null || password.length() > 4096) {
      return false;
    }
    int dot = password.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    String payload = password.substring(0, dot);
    byte[] sent;
    String text;
    try {
      sent = Base64.getUrlDecoder().decode(password.substring(dot + 1));
      text = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (!MessageDigest.isEqual(sent, mac(payload))) {
      return false;
    }
    int colon = text.indexOf(':');
    try {
      long expires = Long.parseLong(colon < 0 ? text : text.substring(0, colon));
      return clock.instant().getEpochSecond() < expires;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Whether an {@code Authorization} header carries a valid login: {@code Basic
   * base64(AWS:<password>)}.
   */
  public boolean validBasic(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return decoded.startsWith("AWS:") && valid(decoded.substring(4));
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
