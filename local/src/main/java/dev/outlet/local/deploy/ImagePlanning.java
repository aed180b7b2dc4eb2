package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.local.sam.SamImage;
import java.util.ArrayList;
import java.util.List;

/**
 * An image function's configuration compared with GetFunction's: its {@code ImageConfig} members
 * (an empty list or folder counts as not set). Pure.
 */
final class ImagePlanning {
  private ImagePlanning() {}

  /** {@code ImageConfig.Command [] → [/bootstrap, x]}-style differences. */
  static List<String> configDiffs(JsonNode configuration, SamImage wanted) {
    JsonNode now = configuration.path("ImageConfigResponse").path("ImageConfig");
    List<String> out = new ArrayList<>();
    FunctionPlan.diff(
        out,
        "ImageConfig.EntryPoint",
        strings(now.path("EntryPoint")).toString(),
        orEmpty(wanted.entryPoint()).toString());
    FunctionPlan.diff(
        out,
        "ImageConfig.Command",
        strings(now.path("Command")).toString(),
        orEmpty(wanted.command()).toString());
    FunctionPlan.diff(
        out,
        "ImageConfig.WorkingDirectory",
        now.path("WorkingDirectory").asText(""),
        wanted.workingDirectory() == null ? "" : wanted.workingDirectory());
    return out;
  }

  private static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> orEmpty(List<String> l) {
    return l == null ? List.of() : l;
  }
}
