package dev.outlet.edge;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks Signature Version 4 as AWS does, header-signed and presigned: the parts are present, the
 * date is within 15 minutes of now (a presigned request: within its {@code X-Amz-Expires}), the key
 * exists and its session token matches and has not expired, the payload hash is what was sent, and
 * the signature is the one the key's secret makes. Refusals are AWS's errors ({@link
 * SignatureErrors}), in the order AWS checks. Stateless apart from the key lookup; thread-safe.
 */
public final class SigV4Verifier implements RequestVerifier {
  static final Duration SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

  private final SigningKeys keys;
  private final InstantSource clock;

  public SigV4Verifier(SigningKeys keys, InstantSource clock) {
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public Caller verify(RequestHead head, RequestIdentity id, byte[] body) {
    String authorization = head.header().apply("Authorization");
    if (id.scheme() == RequestIdentity.Scheme.NONE) {
      if (authorization != null) {
        throw SignatureErrors.incomplete(
            "Authorization header requires 'Credential' parameter. Authorization header requires"
                + " 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter."
                + " Authorization="
                + authorization);
      }
      throw SignatureErrors.missingToken();
    }
    boolean presigned = id.scheme() == RequestIdentity.Scheme.PRESIGNED;
    complete(id, presigned, authorization);
    Instant signedAt = signedAt(id.amzDate());
    Instant now = clock.instant();
    fresh(head, id, presigned, signedAt, now);
    if (!id.credential().date().equals(id.amzDate().substring(0, 8))) {
      throw SignatureErrors.invalidSignature(
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
              + " HTTP: '"
              + id.credential().date()
              + "' != '"
              + id.amzDate().substring(0, 8)
              + "', from '"
              + id.amzDate()
              + "'.");
    }
    SigningKeys.SigningKey key =
        keys.find(id.credential().accessKeyId()).orElseThrow(SignatureErrors::invalidToken);
    if (key.sessionToken() != null && !key.sessionToken().equals(id.sessionToken())) {
      throw SignatureErrors.invalidToken();
    }
    if (key.expires() != null && !now.isBefore(key.expires())) {
      throw SignatureErrors.expiredToken();
    }
    SigV4.Signed signed =
        new SigV4.Signed(
            head.method(),
            head.path(),
            head.rawQuery(),
            name -> {
              String v = head.header().apply(name);
              return v == null ? List.of() : List.of(v);
            },
            id.signedHeaders(),
            payloadHash(head, presigned, body));
    String canonical = SigV4.canonicalRequest(signed, presigned);
    String toSign = SigV4.stringToSign(id.amzDate(), id.credential(), canonical);
    if (!SigV4.same(SigV4.signature(key.secret(), id.credential(), toSign), id.signature())) {
      throw SignatureErrors.mismatch(canonical, toSign);
    }
    return new Caller(key.accessKeyId(), key.principalArn());
  }

  private static void complete(RequestIdentity id, boolean presigned, String authorization) {
    List<String> missing = new ArrayList<>();
    String where =
        presigned ? "AWS query-string parameters must include" : "Authorization header requires";
    if (id.credential() == null) {
      missing.add(where + " 'Credential' parameter.");
    }
    if (id.signature() == null || id.signature().isEmpty()) {
      missing.add(where + " 'Signature' parameter.");
    }
    if (id.signedHeaders().isEmpty()) {
      missing.add(where + " 'SignedHeaders' parameter.");
    }
    if (id.amzDate() == null) {
      missing.add(
          presigned
              ? "AWS query-string parameters must include 'X-Amz-Date'."
              : "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date'"
                  + " header.");
    }
    if (!missing.isEmpty()) {
      throw SignatureErrors.incomplete(
          String.join(" ", missing)
              + (presigned
                  ? " Re-examine the query-string parameters."
                  : " Authorization=" + authorization));
    }
    if (!id.signedHeaders().contains("host")) {
      throw SignatureErrors.incomplete(
          "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
  }

  private static Instant signedAt(String amzDate) {
    try {
      return ZonedDateTime.parse(amzDate, AMZ_DATE).toInstant();
    } catch (DateTimeParseException e) {
      throw SignatureErrors.incomplete(
          "Date must be in ISO-8601 'basic format'. Got '"
              + amzDate
              + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }
  }

  /**
   * A header-signed request is fresh within 15 minutes either side of now; a presigned one from its
   * date until its {@code X-Amz-Expires}, and not from the future.
   */
  private static void fresh(
      RequestHead head, RequestIdentity id, boolean presigned, Instant signedAt, Instant now) {
    Duration window =
        presigned ? Duration.ofSeconds(expiresSeconds(head.query().apply("X-Amz-Expires"))) : SKEW;
    if (signedAt.isBefore(now.minus(window))) {
      throw SignatureErrors.invalidSignature(
          "Signature expired: "
              + id.amzDate()
              + " is now earlier than "
              + AMZ_DATE.format(now.minus(window))
              + " ("
              + AMZ_DATE.format(now)
              + (presigned ? " - " + window.toSeconds() + " sec.)" : " - 15 min.)"));
    }
    if (signedAt.isAfter(now.plus(SKEW))) {
      throw notYetCurrent(id, now);
    }
  }

  private static AwsException notYetCurrent(RequestIdentity id, Instant now) {
    return SignatureErrors.invalidSignature(
        "Signature not yet current: "
            + id.amzDate()
            + " is still later than "
            + AMZ_DATE.format(now.plus(SKEW))
            + " ("
            + AMZ_DATE.format(now)
            + " + 15 min.)");
  }

  private static long expiresSeconds(String value) {
    if (value == null) {
      throw SignatureErrors.incomplete(
          "AWS query-string parameters must include 'X-Amz-Expires'. Re-examine the query-string"
              + " parameters.");
    }
    try {
      long seconds = Long.parseLong(value);
      if (seconds >= 1 && seconds <= 604_800) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw SignatureErrors.incomplete(
        "X-Amz-Expires must be a number of seconds from 1 to 604800 (7 days). Got '"
            + value
            + "'.");
  }

  /**
   * What the canonical request ends with: the {@code x-amz-content-sha256} the client sent (checked
   * against the body unless it says the payload is unsigned), else the body's hash.
   */
  private static String payloadHash(RequestHead head, boolean presigned, byte[] body) {
    String sent = head.header().apply("x-amz-content-sha256");
    if (sent == null && presigned) {
      sent = head.query().apply("X-Amz-Content-Sha256");
    }
    String actual = SigV4.sha256Hex(body);
    if (sent == null) {
      return actual;
    }
    if (sent.equals(UNSIGNED)) {
      return sent;
    }
    if (sent.startsWith("STREAMING-")) {
      throw SignatureErrors.invalidSignature(
          "Outlet does not accept aws-chunked (" + sent + ") bodies: send the payload whole.");
    }
    if (!sent.equalsIgnoreCase(actual)) {
      throw SignatureErrors.payloadHashMismatch();
    }
    return sent;
  }

  static String amzDate(Instant at) {
    return AMZ_DATE.format(at);
  }
}
