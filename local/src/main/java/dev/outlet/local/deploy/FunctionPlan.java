package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.local.sam.SamFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What must change for one function: a pure comparison of the template's function (and its zip's
 * SHA-256, or its image's digest) with GetFunction's answer.
 *
 * @param create the function does not exist
 * @param code the code differs
 * @param configuration the configuration fields that differ, e.g. {@code MemorySize 128 → 256}
 * @param concurrency a reserved-concurrency change, or null
 */
public record FunctionPlan(
    SamFunction function,
    String codeSha256,
    boolean create,
    boolean code,
    List<String> configuration,
    String concurrency) {

  public boolean changes() {
    return create || code || !configuration.isEmpty() || concurrency != null;
  }

  /**
   * @param sha256 the code's {@code CodeSha256}; null for an image whose digest is unknown (then
   *     its {@code ImageUri} is compared as written)
   * @param current GetFunction's answer, or null when the function does not exist
   */
  public static FunctionPlan of(SamFunction f, String sha256, JsonNode current) {
    if (current == null) {
      return new FunctionPlan(
          f, sha256, true, false, List.of(), f.reserved().isPresent() ? "set" : null);
    }
    JsonNode c = current.path("Configuration");
    List<String> diffs = new ArrayList<>();
    diff(diffs, "PackageType", c.path("PackageType").asText("Zip"), f.isImage() ? "Image" : "Zip");
    if (f.isImage()) {
      diffs.addAll(ImagePlanning.configDiffs(c, f.image()));
    } else {
      diff(diffs, "Runtime", c.path("Runtime").asText(), f.runtime());
      diff(diffs, "Handler", c.path("Handler").asText(), f.handler());
    }
    diff(diffs, "MemorySize", c.path("MemorySize").asText(), Integer.toString(f.memorySize()));
    diff(diffs, "Timeout", c.path("Timeout").asText(), Integer.toString(f.timeout()));
    diff(
        diffs, "Architectures", c.path("Architectures").path(0).asText("x86_64"), f.architecture());
    diff(
        diffs,
        "Description",
        c.path("Description").asText(""),
        f.description() == null ? "" : f.description());
    Map<String, String> env = new TreeMap<>();
    c.path("Environment")
        .path("Variables")
        .properties()
        .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    if (!env.equals(new TreeMap<>(f.environment()))) {
      diffs.add("Environment");
    }
    String dlq = c.path("DeadLetterConfig").path("TargetArn").asText("");
    if (f.deadLetterTarget() == null && !dlq.isEmpty()) {
      diffs.add("DeadLetterConfig removed");
    } else if (f.deadLetterTarget() != null) {
      diff(diffs, "DeadLetterConfig", dlq, f.deadLetterTarget());
    }
    boolean renamed =
        f.isImage()
            && !f.image().local()
            && !current.path("Code").path("ImageUri").asText().equals(f.image().uri());
    boolean code = renamed || (sha256 != null && !c.path("CodeSha256").asText().equals(sha256));
    JsonNode reserved = current.path("Concurrency").path("ReservedConcurrentExecutions");
    String concurrency = null;
    if (f.reserved().isPresent()
        && (reserved.isMissingNode() || reserved.asInt() != f.reservedConcurrency())) {
      concurrency = "set";
    } else if (f.reserved().isEmpty() && !reserved.isMissingNode()) {
      concurrency = "remove";
    }
    return new FunctionPlan(f, sha256, false, code, diffs, concurrency);
  }

  static void diff(List<String> out, String field, String now, String wanted) {
    if (!now.equals(wanted)) {
      out.add(field + " " + (now.isEmpty() ? "(none)" : now) + " → " + wanted);
    }
  }

  /** One line for the plan. */
  public String describe() {
    if (create) {
      return "+ function " + function.name() + " (create)";
    }
    List<String> parts = new ArrayList<>();
    if (code) {
      parts.add("code");
    }
    parts.addAll(configuration);
    if (concurrency != null) {
      parts.add(
          concurrency.equals("set")
              ? "ReservedConcurrentExecutions → " + function.reservedConcurrency()
              : "ReservedConcurrentExecutions removed");
    }
    return "~ function " + function.name() + ": " + String.join(", ", parts);
  }
}
