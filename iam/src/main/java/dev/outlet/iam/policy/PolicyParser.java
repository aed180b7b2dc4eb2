package dev.outlet.iam.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Policy JSON to {@link PolicyDocument}, refusing what IAM refuses with IAM's messages. The
 * grammar: a JSON object with {@code Version}, {@code Id}, {@code Statement} (an object or a
 * non-empty array of them); element names are case-sensitive; a value may be a string or an array
 * of strings. Any failure, including JSON that does not parse, duplicate keys and documents nested
 * too deep, is a {@link PolicyException}; nothing else escapes.
 */
final class PolicyParser {
  /** The largest document accepted, in characters other than whitespace (as IAM counts). */
  static final int MAX_CHARACTERS = 10_240;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Set<String> DOCUMENT_KEYS = Set.of("Version", "Id", "Statement");
  private static final Set<String> PRINCIPAL_TYPES =
      Set.of("AWS", "Service", "Federated", "CanonicalUser");

  private PolicyParser() {}

  static PolicyDocument parse(String text, PolicyKind kind) {
    if (text == null || kind == null) {
      throw PolicyException.syntax();
    }
    if (significantLength(text) > MAX_CHARACTERS) {
      throw PolicyException.tooLarge(MAX_CHARACTERS);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (Exception e) {
      throw PolicyException.syntax();
    }
    if (root == null || !root.isObject()) {
      throw PolicyException.syntax();
    }
    requireKnownKeys(root, DOCUMENT_KEYS);
    String version = PolicyDocument.VERSION_2008;
    if (root.has("Version")) {
      JsonNode node = root.get("Version");
      if (!node.isTextual()
          || !(node.asText().equals(PolicyDocument.VERSION_2012)
              || node.asText().equals(PolicyDocument.VERSION_2008))) {
        throw PolicyException.malformed("The policy must contain a valid version string");
      }
      version = node.asText();
    }
    Optional<String> id = Optional.empty();
    if (root.has("Id")) {
      id = Optional.of(text(root.get("Id")));
    }
    JsonNode statementNode = root.get("Statement");
    List<JsonNode> nodes = new ArrayList<>();
    if (statementNode == null) {
      throw PolicyException.syntax();
    } else if (statementNode.isArray()) {
      statementNode.forEach(nodes::add);
    } else {
      nodes.add(statementNode);
    }
    if (nodes.isEmpty()) {
      throw PolicyException.syntax();
    }
    List<Statement> statements = new ArrayList<>(nodes.size());
    Set<String> sids = new HashSet<>();
    for (JsonNode node : nodes) {
      Statement statement = StatementParser.parse(node, kind);
      if (kind == PolicyKind.IDENTITY
          && statement.sid().isPresent()
          && !statement.sid().get().isEmpty()
          && !sids.add(statement.sid().get())) {
        throw PolicyException.malformed("Statement IDs (SID) in a single policy must be unique.");
      }
      statements.add(statement);
    }
    return new PolicyDocument(version, id, statements);
  }

  /** Characters other than whitespace: IAM leaves whitespace out of a policy's size. */
  static int significantLength(String text) {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        count++;
      }
    }
    return count;
  }

  static void requireKnownKeys(JsonNode object, Set<String> known) {
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      if (!known.contains(names.next())) {
        throw PolicyException.syntax();
      }
    }
  }

  static String text(JsonNode node) {
    if (node == null || !node.isTextual()) {
      throw PolicyException.syntax();
    }
    return node.asText();
  }

  /** A string or an array of strings, as a list. */
  static List<String> strings(JsonNode node) {
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    if (!node.isArray()) {
      throw PolicyException.syntax();
    }
    List<String> values = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      values.add(text(item));
    }
    return values;
  }

  /** A condition's values: scalars (strings, numbers, booleans) or an array of them, as text. */
  static List<String> scalars(JsonNode node) {
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(items::add);
    } else {
      items.add(node);
    }
    List<String> values = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      if (!(item.isTextual() || item.isNumber() || item.isBoolean())) {
        throw PolicyException.syntax();
      }
      values.add(item.asText());
    }
    return values;
  }

  static Principals principals(JsonNode node, boolean negated) {
    if (node.isTextual()) {
      if (!node.asText().equals("*")) {
        throw PolicyException.malformed("Invalid principal in policy");
      }
      return new Principals(negated, true, Map.of());
    }
    if (!node.isObject() || node.isEmpty()) {
      throw PolicyException.malformed("Invalid principal in policy");
    }
    Map<String, List<String>> byType = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!PRINCIPAL_TYPES.contains(field.getKey())) {
        throw PolicyException.malformed("Invalid principal in policy");
      }
      List<String> ids = strings(field.getValue());
      if (ids.isEmpty() || ids.stream().anyMatch(String::isEmpty)) {
        throw PolicyException.malformed("Invalid principal in policy");
      }
      byType.put(field.getKey(), ids);
    }
    return new Principals(negated, false, byType);
  }
}
