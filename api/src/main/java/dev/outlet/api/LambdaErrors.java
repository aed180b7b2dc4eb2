package dev.outlet.api;

import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import dev.outlet.edge.AwsException;
import dev.outlet.edge.Service;
import dev.outlet.storage.StorageException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lambda API's errors on the edge: a {@link LambdaException} (thrown by the domain, which does
 * not depend on the edge) becomes an {@link AwsException} with AWS's body members for its code
 * ({@code Type}, {@code Message} or {@code message}, {@code Reason}; lambda-contract.md §2.2).
 */
public final class LambdaErrors implements Service.Errors {
  public static final LambdaErrors INSTANCE = new LambdaErrors();
  static final String INTERNAL = "Outlet hit an internal error; see its log for details.";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LambdaErrors.class);

  private LambdaErrors() {}

  /** {@code e} as the edge renders it. */
  public static AwsException of(LambdaException e) {
    return new Shaped(e);
  }

  @Override
  public AwsException unknownOperation(String name) {
    return new AwsException("UnknownOperationException", 404, "Outlet does not serve " + name) {
      @Override
      public Map<String, Object> members() {
        return Map.of("message", getMessage());
      }
    };
  }

  @Override
  public AwsException tooLarge(String operation, long limit) {
    return of(
        LambdaException.tooLarge(
            "Request must be smaller than "
                + limit
                + " bytes for the "
                + (operation == null ? "requested" : operation)
                + " operation"));
  }

  @Override
  public AwsException malformed(String message) {
    return of(new LambdaException(ErrorCode.INVALID_REQUEST_CONTENT, message));
  }

  @Override
  public AwsException internal(String requestId) {
    return of(new LambdaException(ErrorCode.SERVICE, INTERNAL));
  }

  @Override
  public AwsException accessDenied(String message) {
    return of(new LambdaException(ErrorCode.ACCESS_DENIED, message));
  }

  /**
   * A store that failed (a cluster's database away, a full disk) is AWS's {@code ServiceException}
   * saying so, logged once as a warning; another unexpected failure is left to the edge's internal
   * error.
   */
  @Override
  public AwsException translate(Throwable failure) {
    return switch (failure) {
      case LambdaException le -> of(le);
      case StorageException se -> {
        LOG.warn("a request failed on the store: {}", se.getMessage());
        yield of(
            new LambdaException(
                ErrorCode.SERVICE,
                "Outlet cannot use its store ("
                    + se.getMessage()
                    + "); try again once it answers."));
      }
      default -> null;
    };
  }

  /** A Lambda error with its code's members. */
  private static final class Shaped extends AwsException {
    private static final long serialVersionUID = 1L;
    private final transient LambdaException source;

    Shaped(LambdaException e) {
      super(e.code().wireName(), e.code().status(), e.getMessage());
      this.source = e;
    }

    @Override
    public Map<String, Object> members() {
      ErrorCode code = source.code();
      Map<String, Object> m = new LinkedHashMap<>();
      if (code.type() != null) {
        m.put("Type", code.type());
      }
      m.put(code.messageMember(), getMessage());
      source.reason().ifPresent(r -> m.put("Reason", r));
      return m;
    }
  }
}
