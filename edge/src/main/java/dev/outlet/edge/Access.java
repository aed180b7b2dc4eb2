package dev.outlet.edge;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One permission a call needs, in IAM's terms: an action ({@code lambda:GetFunction}) on a resource
 * ARN ({@code *} for actions without resource-level permissions), with the condition keys the
 * request itself carries ({@code lambda:FunctionUrlAuthType}, ...). The authorizer adds the global
 * keys ({@code aws:SourceIp}, {@code aws:CurrentTime}, the principal's).
 *
 * @param action {@code service:Operation}
 * @param resource the resource's ARN, or {@code *}
 * @param context request-specific condition keys
 */
public record Access(String action, String resource, Map<String, String> context) {
  public Access {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    context = Map.copyOf(context);
  }

  public Access(String action, String resource) {
    this(action, resource, Map.of());
  }

  /**
   * The permissions a service's calls need. An empty list means the operation needs none (STS's
   * GetCallerIdentity) or checks its own (AssumeRole, whose trust policy takes part).
   */
  @FunctionalInterface
  public interface Resolver {
    List<Access> of(Call call);

    /**
     * {@code prefix:Operation} on the resource {@code resources} names for the call's operation;
     * operations it does not name ask for {@code *}.
     */
    static Resolver byOperation(String prefix, Map<String, Function<Call, String>> resources) {
      Map<String, Function<Call, String>> copy = Map.copyOf(resources);
      return call -> {
        Function<Call, String> resource = copy.get(call.operation());
        return List.of(
            new Access(
                prefix + ":" + call.operation(), resource == null ? "*" : resource.apply(call)));
      };
    }
  }
}
