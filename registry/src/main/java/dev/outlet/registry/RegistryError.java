package dev.outlet.registry;

/**
 * A refusal the client reads, with the OCI Distribution error code; {@link RegistryHttp} renders it
 * as {@code {"errors":[{"code","message","detail"}]}} with the code's status, {@link EcrService} as
 * ECR's matching exception. Carries no stack trace.
 */
public final class RegistryError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The distribution spec's error codes (and ECR's {@code TAG_INVALID}), with their status. */
  public enum Code {
    BLOB_UNKNOWN(404),
    BLOB_UPLOAD_INVALID(400),
    BLOB_UPLOAD_UNKNOWN(404),
    DIGEST_INVALID(400),
    MANIFEST_BLOB_UNKNOWN(400),
    MANIFEST_INVALID(400),
    MANIFEST_UNKNOWN(404),
    NAME_INVALID(400),
    NAME_UNKNOWN(404),
    SIZE_INVALID(400),
    TAG_INVALID(400),
    UNAUTHORIZED(401),
    DENIED(403),
    UNSUPPORTED(405),
    RANGE_INVALID(416),
    PAGINATION_NUMBER_INVALID(400),
    UNKNOWN(500),
    TOO_LARGE(413);

    private final int status;

    Code(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }

    /** The code as written on the wire (a too-large body is the spec's {@code SIZE_INVALID}). */
    public String wire() {
      return switch (this) {
        case TOO_LARGE -> "SIZE_INVALID";
        case RANGE_INVALID -> "BLOB_UPLOAD_INVALID";
        default -> name();
      };
    }
  }

  private final Code code;
  private final String detail;

  public RegistryError(Code code, String message) {
    this(code, message, null);
  }

  public RegistryError(Code code, String message, String detail) {
    super(message, null, false, false);
    this.code = code;
    this.detail = detail;
  }

  public Code code() {
    return code;
  }

  /** What the error is about (a digest, a tag), or null. */
  public String detail() {
    return detail;
  }

  static RegistryError nameUnknown(String name, String account) {
    return new RegistryError(
        Code.NAME_UNKNOWN,
        "The repository with name '"
            + name
            + "' does not exist in the registry with id '"
            + account
            + "'");
  }
}
