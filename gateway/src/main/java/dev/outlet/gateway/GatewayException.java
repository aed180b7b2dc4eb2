package dev.outlet.gateway;

import dev.outlet.edge.AwsException;
import java.util.Map;

/**
 * An apigatewayv2 caller error with its wire name and status: NotFoundException (404),
 * BadRequestException (400), ConflictException (409), TooManyRequestsException (429). The edge
 * renders it as {@code {"message": "..."}} with {@code x-amzn-ErrorType}.
 */
public final class GatewayException extends AwsException {
  private static final long serialVersionUID = 1L;

  GatewayException(int status, String type, String message) {
    super(type, status, message);
  }

  /** apigatewayv2's error body: the message only (the type travels in {@code x-amzn-ErrorType}). */
  @Override
  public Map<String, Object> members() {
    return Map.of("message", getMessage());
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
