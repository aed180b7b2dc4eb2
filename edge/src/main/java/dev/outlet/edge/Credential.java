package dev.outlet.edge;

/**
 * The credential scope of a SigV4 signature: {@code AKID/yyyyMMdd/region/service/aws4_request}.
 *
 * @param accessKeyId the access key that signed
 * @param date the scope's date, {@code yyyyMMdd}
 * @param region the region the client signed for
 * @param service the signing name ({@code lambda}, {@code logs}, {@code monitoring}, ...)
 */
public record Credential(String accessKeyId, String date, String region, String service) {

  /** Parses {@code AKID/date/region/service/aws4_request}; null when it is not that shape. */
  static Credential parse(String scope) {
    if (scope == null) {
      return null;
    }
    String[] parts = scope.trim().split("/", -1);
    if (parts.length != 5 || !"aws4_request".equals(parts[4])) {
      return null;
    }
    for (String part : parts) {
      if (part.isEmpty()) {
        return null;
      }
    }
    if (parts[1].length() != 8 || !parts[1].chars().allMatch(Character::isDigit)) {
      return null;
    }
    return new Credential(parts[0], parts[1], parts[2], parts[3]);
  }
}
