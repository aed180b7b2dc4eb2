package dev.outlet.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Environment variables from the command line: {@code KEY=VALUE} pairs, and {@code --env-file} in
 * SAM's JSON form ({@code {"Parameters": {...}, "<LogicalId>": {...}}}), a flat JSON object, or
 * {@code KEY=VALUE} lines ({@code #} comments). Pure apart from reading the file.
 */
final class EnvFiles {
  private EnvFiles() {}

  static Map<String, String> pairs(List<String> pairs) throws UsageException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : pairs) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--env " + p + ": expected KEY=VALUE");
      }
      out.put(p.substring(0, eq), p.substring(eq + 1));
    }
    return out;
  }

  static Map<String, String> read(Path file, String logicalId) throws UsageException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("--env-file " + file + ": " + e.getMessage());
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (text.stripLeading().startsWith("{")) {
      JsonNode root;
      try {
        root = new ObjectMapper().readTree(text);
      } catch (IOException e) {
        throw new UsageException("--env-file " + file + ": not valid JSON: " + e.getMessage());
      }
      boolean sam = false;
      for (var e : root.properties()) {
        if (e.getValue().isObject()) {
          sam = true;
        }
      }
      if (sam) {
        flat(root.path("Parameters"), out);
        if (logicalId != null) {
          flat(root.path(logicalId), out);
        }
      } else {
        flat(root, out);
      }
      return out;
    }
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      out.putAll(pairs(List.of(l.startsWith("export ") ? l.substring(7).strip() : l)));
    }
    return out;
  }

  private static void flat(JsonNode n, Map<String, String> out) {
    n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
  }
}
