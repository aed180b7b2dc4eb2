package dev.outlet.iam.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What is being decided: who asks (a principal ARN such as {@code
 * arn:aws:iam::123456789012:user/alice}, or a service principal such as {@code
 * events.amazonaws.com}), to do which action on which resource ARN ({@code *} for actions without
 * resource-level permissions), and the request context: condition keys to their values.
 *
 * <p>Condition keys are looked up case-insensitively, as AWS does; values keep their case. A key
 * may hold several values (for {@code ForAnyValue:} and {@code ForAllValues:}). There is no clock:
 * time-based conditions read {@code aws:CurrentTime} and {@code aws:EpochTime} from the context.
 *
 * @param principal the caller's ARN or service principal name
 * @param action the action, {@code service:Operation}
 * @param resource the resource ARN, or {@code *}
 * @param context condition keys to their values; an immutable, case-insensitive copy
 */
public record Request(
    String principal, String action, String resource, Map<String, List<String>> context) {
  public Request {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(context, "context");
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    context.forEach((key, values) -> copy.put(key, List.copyOf(values)));
    context = Collections.unmodifiableMap(copy);
  }

  /** A request whose context keys each hold one value. */
  public static Request of(
      String principal, String action, String resource, Map<String, String> context) {
    TreeMap<String, List<String>> multi = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    context.forEach((key, value) -> multi.put(key, List.of(value)));
    return new Request(principal, action, resource, multi);
  }

  /** A request with an empty context. */
  public static Request of(String principal, String action, String resource) {
    return new Request(principal, action, resource, Map.of());
  }

  /** The values of a condition key, empty when the request does not carry it. */
  public List<String> values(String key) {
    List<String> values = context.get(key);
    return values == null ? List.of() : values;
  }
}
