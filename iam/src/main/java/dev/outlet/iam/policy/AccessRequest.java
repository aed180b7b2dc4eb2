package dev.outlet.iam.policy;

import java.util.List;
import java.util.Map;

/**
 * What is asked: who, which action on which resource, and the condition keys' values.
 *
 * @param principalArn the caller ({@code arn:aws:iam::123456789012:user/alice})
 * @param action {@code service:Operation}, e.g. {@code lambda:InvokeFunction}
 * @param resource the resource's ARN
 * @param context condition keys (case-insensitive names, stored lower case) to their values
 */
public record AccessRequest(
    String principalArn, String action, String resource, Map<String, List<String>> context) {

  public AccessRequest {
    Map<String, List<String>> lower = new java.util.HashMap<>();
    context.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
    context = Map.copyOf(lower);
  }

  /** The values of a condition key, or null when the request has none. */
  List<String> values(String key) {
    return context.get(key.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * {@code text} with its policy variables ({@code ${aws:username}}, ...) replaced by the context's
   * values; a variable the context lacks leaves the text unmatched, as IAM does.
   */
  String substitute(String text) {
    int start = text.indexOf("${");
    if (start < 0) {
      return text;
    }
    StringBuilder b = new StringBuilder();
    int at = 0;
    while (start >= 0) {
      int end = text.indexOf('}', start);
      if (end < 0) {
        break;
      }
      b.append(text, at, start);
      String key = text.substring(start + 2, end);
      List<String> v = values(key);
      b.append(v == null || v.isEmpty() ? "\u0000" : v.getFirst());
      at = end + 1;
      start = text.indexOf("${", at);
    }
    return b.append(text.substring(at)).toString();
  }
}
