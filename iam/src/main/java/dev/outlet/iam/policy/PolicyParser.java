package dev.outlet.iam.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an identity-based policy document as IAM accepts it: {@code Statement} an object or an
 * array, {@code Action}/{@code Resource} a string or an array, conditions as {@code {operator:
 * {key: value or values}}}. Refuses, with IAM's {@code MalformedPolicyDocument} messages, what IAM
 * refuses: bad JSON, a missing or unknown {@code Effect}, both or neither of Action and NotAction,
 * a {@code Principal} (identity policies name none), an unknown condition operator, a document over
 * 10,240 characters. Pure.
 */
public final class PolicyParser {
  /** The largest document accepted (IAM's quota for managed policies is 6,144; roles' 10,240). */
  public static final int MAX_CHARS = 10_240;

  private static final ObjectMapper JSON = new ObjectMapper();

  private PolicyParser() {}

  public static PolicyDocument parse(String text) {
    if (text == null || text.isBlank()) {
      throw new PolicyException("Syntax errors in policy.");
    }
    if (text.length() > MAX_CHARS) {
      throw new PolicyException("Cannot exceed quota for PolicySize: " + MAX_CHARS);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new PolicyException("Syntax errors in policy.");
    }
    if (root == null || !root.isObject()) {
      throw new PolicyException("Syntax errors in policy.");
    }
    JsonNode statements = root.get("Statement");
    if (statements == null || statements.isNull()) {
      throw new PolicyException("Syntax errors in policy.");
    }
    List<Statement> parsed = new ArrayList<>();
    if (statements.isArray()) {
      for (JsonNode s : statements) {
        parsed.add(statement(s));
      }
    } else {
      parsed.add(statement(statements));
    }
    JsonNode version = root.get("Version");
    return new PolicyDocument(version == null ? "2008-10-17" : version.asText(), parsed);
  }

  private static Statement statement(JsonNode s) {
    if (!s.isObject()) {
      throw new PolicyException("Syntax errors in policy.");
    }
    if (s.has("Principal") || s.has("NotPrincipal")) {
      throw new PolicyException("Policy document should not specify a principal.");
    }
    String effect = s.path("Effect").asText(null);
    if (!"Allow".equals(effect) && !"Deny".equals(effect)) {
      throw new PolicyException(
          effect == null ? "Missing required field Effect" : "Invalid effect: " + effect);
    }
    boolean notAction = s.has("NotAction");
    if (notAction == s.has("Action")) {
      throw new PolicyException(
          notAction
              ? "Statement can not contain both Action and NotAction."
              : "Policy statement must contain actions.");
    }
    boolean notResource = s.has("NotResource");
    if (notResource && s.has("Resource")) {
      throw new PolicyException("Statement can not contain both Resource and NotResource.");
    }
    if (!notResource && !s.has("Resource")) {
      throw new PolicyException("Policy statement must contain resources.");
    }
    return new Statement(
        s.path("Sid").asText(null),
        "Allow".equals(effect),
        strings(s.get(notAction ? "NotAction" : "Action")),
        notAction,
        strings(s.get(notResource ? "NotResource" : "Resource")),
        notResource,
        conditions(s.get("Condition")));
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isTextual()) {
      out.add(n.asText());
    } else if (n.isArray() && !n.isEmpty()) {
      for (JsonNode v : n) {
        if (!v.isTextual()) {
          throw new PolicyException("Syntax errors in policy.");
        }
        out.add(v.asText());
      }
    } else {
      throw new PolicyException("Syntax errors in policy.");
    }
    return out;
  }

  private static List<Condition> conditions(JsonNode n) {
    List<Condition> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isObject()) {
      throw new PolicyException("Syntax errors in policy.");
    }
    for (Map.Entry<String, JsonNode> op : n.properties()) {
      Condition.parse(op.getKey());
      if (!op.getValue().isObject()) {
        throw new PolicyException("Syntax errors in policy.");
      }
      for (Map.Entry<String, JsonNode> key : op.getValue().properties()) {
        JsonNode v = key.getValue();
        List<String> values =
            v.isArray() ? scalars(v) : v.isValueNode() ? List.of(v.asText()) : null;
        if (values == null || values.isEmpty()) {
          throw new PolicyException("Syntax errors in policy.");
        }
        out.add(new Condition(op.getKey(), key.getKey(), values));
      }
    }
    return out;
  }

  private static List<String> scalars(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : array) {
      if (!v.isValueNode()) {
        throw new PolicyException("Syntax errors in policy.");
      }
      out.add(v.asText());
    }
    return out;
  }
}
