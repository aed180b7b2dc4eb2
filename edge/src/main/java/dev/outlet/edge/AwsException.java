package dev.outlet.edge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client is meant to see: AWS's error code, HTTP status and message. Each service
 * names its errors with subclasses or factories; the edge renders them once per protocol ({@link
 * Protocol#error}). Anything thrown that is not an {@code AwsException} is a platform fault: the
 * edge logs it and answers the service's generic 500, never the exception's message.
 */
public class AwsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String queryCode;
  private final int status;

  /**
   * @param code the error's shape name, as JSON protocols send it ({@code __type}, {@code
   *     x-amzn-ErrorType})
   * @param status the HTTP status
   * @param message the message the client reads
   */
  public AwsException(String code, int status, String message) {
    this(code, code, status, message);
  }

  /**
   * @param queryCode the code as the query protocol sends it, when the service's model gives the
   *     error a different {@code awsQueryError} code
   */
  public AwsException(String code, String queryCode, int status, String message) {
    super(message, null, false, false);
    this.code = code;
    this.queryCode = queryCode;
    this.status = status;
  }

  public final String code() {
    return code;
  }

  public final String queryCode() {
    return queryCode;
  }

  public final int status() {
    return status;
  }

  /** {@code Sender} for the client's mistakes, {@code Receiver} for the service's own faults. */
  public final String fault() {
    return status < 500 ? "Sender" : "Receiver";
  }

  /**
   * The members of a JSON error body, in order. AWS JSON services send {@code __type} and {@code
   * message}; a service whose model names them otherwise (Lambda's {@code Type} and {@code
   * Message}) overrides this.
   */
  public Map<String, Object> members() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("__type", code);
    m.put("message", getMessage());
    return m;
  }
}
