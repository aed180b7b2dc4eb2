package dev.outlet.gateway;

/**
 * An apigatewayv2 caller error with its wire name and status: NotFoundException (404),
 * BadRequestException (400), ConflictException (409), TooManyRequestsException (429). Rendered in
 * one place, {@link ApisApi}, as {@code {"message": "..."}} with {@code x-amzn-ErrorType}.
 */
public final class GatewayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;

  GatewayException(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  static GatewayException notFound(String message) {
    return new GatewayException(404, "NotFoundException", message);
  }

  static GatewayException badRequest(String message) {
    return new GatewayException(400, "BadRequestException", message);
  }

  static GatewayException conflict(String message) {
    return new GatewayException(409, "ConflictException", message);
  }
}
