package dev.outlet.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Lambda REQUEST authorizer (payload format 2.0): where its identity comes from, how its answer
 * reads (simple {@code isAuthorized} or an IAM policy), and its result cache.
 *
 * <p>The cache is keyed by the identity values and owned by this object (a concurrent map; entries
 * expire after {@code ttlSeconds}, 0 disables caching). A new compiled API (any control-plane
 * change) starts with an empty cache, as a redeploy does on AWS.
 */
public final class Authorizer {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** An authorizer's answer: allowed or not, and the context passed on to the integration. */
  public record Decision(boolean allowed, Map<String, Object> context) {}

  private record Cached(Decision decision, long expiresNanos) {}

  private final String id;
  private final String functionName;
  private final List<String> identitySources;
  private final int ttlSeconds;
  private final boolean simple;
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

  Authorizer(
      String id,
      String functionName,
      List<String> identitySources,
      int ttlSeconds,
      boolean simple) {
    this.id = id;
    this.functionName = functionName;
    this.identitySources = List.copyOf(identitySources);
    this.ttlSeconds = ttlSeconds;
    this.simple = simple;
  }

  public String id() {
    return id;
  }

  public String functionName() {
    return functionName;
  }

  /**
   * The identity values in the order of the identity sources, or null when one is missing (the
   * request is then refused with 401 without calling the function).
   */
  public List<String> identity(FrontRequest r, Map<String, String> stageVariables) {
    List<String> values = new ArrayList<>();
    for (String source : identitySources) {
      String v = null;
      if (source.startsWith("$request.header.")) {
        v = r.header(source.substring("$request.header.".length()));
      } else if (source.startsWith("$request.querystring.")) {
        List<String> q =
            r.queryParameters().get(source.substring("$request.querystring.".length()));
        v = q == null ? null : String.join(",", q);
      } else if (source.startsWith("$stageVariables.")) {
        v = stageVariables.get(source.substring("$stageVariables.".length()));
      } else if (source.startsWith("$context.")) {
        v = source; // context variables are always present
      }
      if (v == null || v.isEmpty()) {
        return null;
      }
      values.add(v);
    }
    return values;
  }

  /** A cached decision for these identity values, if caching is on and one is fresh. */
  public Decision cached(List<String> identity, long nowNanos) {
    if (ttlSeconds <= 0 || identitySources.isEmpty()) {
      return null;
    }
    Cached c = cache.get(String.join("\u0000", identity));
    return c != null && c.expiresNanos() - nowNanos > 0 ? c.decision() : null;
  }

  public void remember(List<String> identity, Decision d, long nowNanos) {
    if (ttlSeconds > 0 && !identitySources.isEmpty()) {
      cache.put(
          String.join("\u0000", identity), new Cached(d, nowNanos + ttlSeconds * 1_000_000_000L));
    }
  }

  /** Reads the function's answer; throws Malformed when it is neither response form. */
  public Decision decide(byte[] output, String routeArn) throws ProxyResponse.Malformed {
    JsonNode n;
    try {
      n = MAPPER.readTree(output);
    } catch (IOException e) {
      throw new ProxyResponse.Malformed("authorizer output is not JSON");
    }
    if (n == null || !n.isObject()) {
      throw new ProxyResponse.Malformed("authorizer output is not an object");
    }
    Map<String, Object> context = context(n.get("context"));
    if (simple && n.has("isAuthorized")) {
      return new Decision(n.get("isAuthorized").asBoolean(false), context);
    }
    JsonNode policy = n.get("policyDocument");
    if (policy == null || !policy.isObject()) {
      throw new ProxyResponse.Malformed("authorizer output has no policyDocument");
    }
    if (n.hasNonNull("principalId")) {
      context.putIfAbsent("principalId", n.get("principalId").asText());
    }
    return new Decision(allows(policy, routeArn), context);
  }

  /** IAM evaluation, reduced to what an authorizer policy says: any Deny wins, else any Allow. */
  static boolean allows(JsonNode policy, String routeArn) {
    boolean allowed = false;
    for (JsonNode st : list(policy.get("Statement"))) {
      boolean action = false;
      for (JsonNode a : list(st.get("Action"))) {
        action |= wildcard(a.asText(), "execute-api:Invoke");
      }
      boolean resource = false;
      for (JsonNode res : list(st.get("Resource"))) {
        resource |= wildcard(res.asText(), routeArn);
      }
      if (action && resource) {
        String effect = st.path("Effect").asText();
        if (effect.equals("Deny")) {
          return false;
        }
        allowed |= effect.equals("Allow");
      }
    }
    return allowed;
  }

  private static List<JsonNode> list(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isArray()) {
      n.forEach(out::add);
    } else {
      out.add(n);
    }
    return out;
  }

  /** IAM wildcards: {@code *} any run of characters, {@code ?} one character. */
  static boolean wildcard(String pattern, String text) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return text.matches(re.toString());
  }

  private static Map<String, Object> context(JsonNode n) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (n != null && n.isObject()) {
      for (var e : n.properties()) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }
}
