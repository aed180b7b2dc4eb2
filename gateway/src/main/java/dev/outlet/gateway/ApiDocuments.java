package dev.outlet.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP API's documents: the API and its children by kind, then by id. Owned by ApisModel. */
final class ApiDocuments {
  ObjectNode api;
  final Map<String, Map<String, ObjectNode>> children = new HashMap<>();

  Map<String, ObjectNode> kind(String kind) {
    return children.computeIfAbsent(kind, k -> new LinkedHashMap<>());
  }
}
