package dev.outlet.iam;

import java.time.Instant;

/**
 * A role session's credentials, as STS's AssumeRole answers them.
 *
 * @param accessKeyId {@code ASIA} and 16 characters of base32
 * @param secret the 40-character secret access key
 * @param sessionToken the token every request signed with the key must carry (base64, opaque)
 * @param expiration when the key stops working
 * @param assumedRoleId {@code AROA...:SESSION}: the role's id and the session's name
 * @param arn {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}
 */
public record TemporaryCredentials(
    String accessKeyId,
    String secret,
    String sessionToken,
    Instant expiration,
    String assumedRoleId,
    String arn) {

  /**
   * Credentials in a session's formats that no store records ({@code --auth open}, which checks no
   * signature, gives them to functions whose role does not exist).
   */
  public static TemporaryCredentials unrecorded(
      String roleArn, String session, Instant expiration) {
    return new TemporaryCredentials(
        KeyMaker.temporaryId(),
        KeyMaker.secret(),
        KeyMaker.sessionToken(),
        expiration,
        "AROA:" + session,
        roleArn);
  }

  @Override
  public String toString() {
    return "TemporaryCredentials[" + accessKeyId + ", " + arn + ", " + expiration + "]";
  }
}
