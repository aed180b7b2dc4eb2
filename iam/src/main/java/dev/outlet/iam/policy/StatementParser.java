package dev.outlet.iam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One statement object to a {@link Statement}, with IAM's checks: {@code Effect} is {@code Allow}
 * or {@code Deny}; exactly one of {@code Action}/{@code NotAction}, each prefixed by a service;
 * exactly one of {@code Resource}/{@code NotResource} (a resource-based statement may omit both),
 * each an ARN or {@code *}; a principal only and always in resource-based policies; condition
 * operators IAM knows and keys prefixed by a service.
 */
final class StatementParser {
  private static final Set<String> KEYS =
      Set.of(
          "Sid",
          "Effect",
          "Principal",
          "NotPrincipal",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Condition");
  private static final Pattern IDENTITY_SID = Pattern.compile("[0-9A-Za-z]*");
  private static final String VENDOR =
      "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";

  private StatementParser() {}

  static Statement parse(JsonNode node, PolicyKind kind) {
    if (node == null || !node.isObject()) {
      throw PolicyException.syntax();
    }
    PolicyParser.requireKnownKeys(node, KEYS);
    Optional<String> sid = Optional.empty();
    if (node.has("Sid")) {
      String value = PolicyParser.text(node.get("Sid"));
      if (kind == PolicyKind.IDENTITY && !IDENTITY_SID.matcher(value).matches()) {
        throw PolicyException.malformed(
            "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the"
                + " regular expression [0-9A-Za-z]*");
      }
      sid = Optional.of(value);
    }
    Effect effect = effect(node.get("Effect"));
    Optional<Principals> principals = principals(node, kind);
    Element actions = actions(node);
    Element resources = resources(node, kind);
    List<Condition> conditions = conditions(node.get("Condition"));
    return new Statement(sid, effect, actions, resources, principals, conditions);
  }

  private static Effect effect(JsonNode node) {
    if (node == null) {
      throw PolicyException.malformed("Missing required field Effect");
    }
    String value = PolicyParser.text(node);
    for (Effect effect : Effect.values()) {
      if (effect.awsName().equals(value)) {
        return effect;
      }
    }
    throw PolicyException.malformed("Invalid effect: " + value);
  }

  private static Optional<Principals> principals(JsonNode node, PolicyKind kind) {
    boolean principal = node.has("Principal");
    boolean notPrincipal = node.has("NotPrincipal");
    if (kind == PolicyKind.IDENTITY) {
      if (principal || notPrincipal) {
        throw PolicyException.malformed("Policy document should not specify a principal.");
      }
      return Optional.empty();
    }
    if (principal && notPrincipal) {
      throw PolicyException.syntax();
    }
    if (!principal && !notPrincipal) {
      throw PolicyException.malformed("Missing required field Principal");
    }
    JsonNode value = node.get(principal ? "Principal" : "NotPrincipal");
    return Optional.of(PolicyParser.principals(value, notPrincipal));
  }

  private static Element actions(JsonNode node) {
    Element element = element(node, "Action", "NotAction");
    if (element == null || element.values().isEmpty()) {
      throw PolicyException.malformed("Policy statement must contain actions.");
    }
    for (String action : element.values()) {
      int colon = action.indexOf(':');
      if (!action.equals("*") && (colon <= 0 || colon == action.length() - 1)) {
        throw PolicyException.malformed(VENDOR);
      }
    }
    return element;
  }

  private static Element resources(JsonNode node, PolicyKind kind) {
    Element element = element(node, "Resource", "NotResource");
    if (element == null && kind == PolicyKind.RESOURCE) {
      return Element.ANY;
    }
    if (element == null || element.values().isEmpty()) {
      throw PolicyException.malformed("Policy statement must contain resources.");
    }
    for (String resource : element.values()) {
      if (!resource.equals("*") && !resource.startsWith("arn:")) {
        throw PolicyException.malformed(
            "Resource " + resource + " must be in ARN format or \"*\".");
      }
    }
    return element;
  }

  private static Element element(JsonNode node, String name, String negatedName) {
    boolean plain = node.has(name);
    boolean negated = node.has(negatedName);
    if (plain && negated) {
      throw PolicyException.syntax();
    }
    if (!plain && !negated) {
      return null;
    }
    return new Element(PolicyParser.strings(node.get(plain ? name : negatedName)), negated);
  }

  private static List<Condition> conditions(JsonNode block) {
    if (block == null) {
      return List.of();
    }
    if (!block.isObject()) {
      throw PolicyException.syntax();
    }
    List<Condition> conditions = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> operators = block.fields();
    while (operators.hasNext()) {
      Map.Entry<String, JsonNode> entry = operators.next();
      ConditionOperator operator =
          ConditionOperator.parse(entry.getKey())
              .orElseThrow(
                  () ->
                      PolicyException.malformed(
                          "Invalid Condition type : " + entry.getKey() + "."));
      if (!entry.getValue().isObject()) {
        throw PolicyException.syntax();
      }
      Iterator<Map.Entry<String, JsonNode>> keys = entry.getValue().fields();
      while (keys.hasNext()) {
        Map.Entry<String, JsonNode> key = keys.next();
        int colon = key.getKey().indexOf(':');
        if (colon <= 0 || colon == key.getKey().length() - 1) {
          throw PolicyException.malformed(VENDOR);
        }
        conditions.add(new Condition(operator, key.getKey(), PolicyParser.scalars(key.getValue())));
      }
    }
    return conditions;
  }
}
