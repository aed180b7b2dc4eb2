package dev.outlet.edge;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A service on the edge: how to tell its requests (from the head alone), its protocol, its
 * operations, its body cap and its AWS errors for what the edge itself refuses.
 *
 * @param name for logs ({@code CloudWatch Logs})
 * @param protocol its wire protocol
 * @param claim how the service claims a request: the operation it names, or that its body names it;
 *     null when the request is not this service's
 * @param operations by name
 * @param maxBody the largest body accepted, in bytes
 * @param errors its errors for unknown operations, oversized or malformed bodies and faults
 * @param access the permissions each call needs, checked by the edge's {@link Authorizer}
 */
public record Service(
    String name,
    Protocol protocol,
    Function<RequestHead, Claim> claim,
    Map<String, Operation> operations,
    long maxBody,
    Errors errors,
    Access.Resolver access) {

  /** A service's claim on a request. */
  public sealed interface Claim {
    /**
     * The head names the operation ({@code ""}: the request is the service's but names none), with
     * the labels its path carries (REST services).
     */
    record Named(String operation, Map<String, String> labels) implements Claim {
      public Named {
        labels = Map.copyOf(labels);
      }

      public Named(String operation) {
        this(operation, Map.of());
      }
    }

    /** The body names the operation ({@link Protocol#operationIn}). */
    record InBody() implements Claim {}
  }

  public Service {
    operations = Map.copyOf(operations);
  }

  /** The AWS errors a service answers for what the edge refuses. */
  public interface Errors {
    /** No such operation ({@code UnknownOperationException}, {@code InvalidAction}, ...). */
    AwsException unknownOperation(String name);

    /** A body over {@link Service#maxBody} ({@code operation} is null when the body names it). */
    AwsException tooLarge(String operation, long limit);

    /** A body that does not decode ({@code SerializationException}, ...). */
    AwsException malformed(String message);

    /**
     * The generic 500 that stands for any platform fault; its message names no internals (the
     * request id, under which the edge logged the fault, may be named).
     */
    AwsException internal(String requestId);

    /**
     * The client-visible error a domain exception of the service stands for (one the service's own
     * modules throw without depending on the edge), or null when it is a fault.
     */
    default AwsException translate(Throwable failure) {
      return null;
    }

    /**
     * The refusal of a call the {@link Authorizer} denied: {@code AccessDeniedException} (403) with
     * AWS's message, unless the service's model names it otherwise.
     */
    default AwsException accessDenied(String message) {
      return new AwsException("AccessDeniedException", "AccessDenied", 403, message);
    }

    /** A service's errors from its factories, refusals of the {@link Authorizer} as the default. */
    static Errors of(
        Function<String, AwsException> unknownOperation,
        BiFunction<String, Long, AwsException> tooLarge,
        Function<String, AwsException> malformed,
        Function<String, AwsException> internal) {
      return of(unknownOperation, tooLarge, malformed, internal, null);
    }

    /**
     * A service's errors from its factories; {@code accessDenied} makes the refusals of the {@link
     * Authorizer} (null: {@link #accessDenied}'s default).
     */
    static Errors of(
        Function<String, AwsException> unknownOperation,
        BiFunction<String, Long, AwsException> tooLarge,
        Function<String, AwsException> malformed,
        Function<String, AwsException> internal,
        Function<String, AwsException> accessDenied) {
      return new Errors() {
        @Override
        public AwsException unknownOperation(String name) {
          return unknownOperation.apply(name);
        }

        @Override
        public AwsException tooLarge(String operation, long limit) {
          return tooLarge.apply(operation, limit);
        }

        @Override
        public AwsException malformed(String message) {
          return malformed.apply(message);
        }

        @Override
        public AwsException internal(String requestId) {
          return internal.apply(requestId);
        }

        @Override
        public AwsException accessDenied(String message) {
          return accessDenied == null
              ? Errors.super.accessDenied(message)
              : accessDenied.apply(message);
        }
      };
    }
  }

  /** Routes by {@code X-Amz-Target: <prefix><Operation>} on {@code POST /} (AWS JSON 1.0/1.1). */
  public static Function<RequestHead, Claim> byTarget(String prefix) {
    return head -> {
      String target = head.target();
      if (target == null || !target.startsWith(prefix)) {
        return null;
      }
      boolean root = "POST".equals(head.method()) && "/".equals(head.path());
      return new Claim.Named(root ? target.substring(prefix.length()) : "");
    };
  }
}
