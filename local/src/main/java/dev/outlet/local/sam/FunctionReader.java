package dev.outlet.local.sam;

import dev.outlet.local.sam.SamEvent.ApiKind;
import dev.outlet.local.sam.SamReader.Warnings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads one {@code AWS::Serverless::Function} with the template's Globals. */
final class FunctionReader {
  private static final Set<String> HTTP_API_EVENT =
      Set.of("Path", "Method", "ApiId", "PayloadFormatVersion");
  private static final Set<String> API_EVENT = Set.of("Path", "Method");
  private static final Set<String> SCHEDULE_EVENT =
      Set.of("Schedule", "Name", "Description", "Enabled", "State", "Input");
  private static final Set<String> EVENT_RULE_EVENT =
      Set.of("Pattern", "EventBusName", "RuleName", "State", "Input", "InputPath");
  private static final Set<String> SQS_EVENT =
      Set.of(
          "Queue",
          "BatchSize",
          "MaximumBatchingWindowInSeconds",
          "Enabled",
          "FilterCriteria",
          "FunctionResponseTypes",
          "ScalingConfig");
  private static final Set<String> ENVIRONMENT = Set.of("Variables");
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final Path dir;
  private final String stack;
  private final Intrinsics intrinsics;
  private final List<String> apis;
  private final Warnings warnings;

  FunctionReader(Path dir, String stack, Intrinsics intrinsics, List<String> apis, Warnings w) {
    this.dir = dir;
    this.stack = stack;
    this.intrinsics = intrinsics;
    this.apis = apis;
    this.warnings = w;
  }

  SamFunction read(
      String id, String name, Map<String, Object> resource, Map<String, Object> globals)
      throws TemplateException {
    SamReader.resourceKeys(id, resource, warnings);
    String at = "Resources." + id + ".Properties.";
    Map<String, Object> props = new LinkedHashMap<>();
    for (Map.Entry<String, Object> p : SamReader.map(resource.get("Properties")).entrySet()) {
      if (!SamReader.FUNCTION_PROPERTIES.contains(p.getKey())) {
        warnings.add(at + p.getKey() + ": not supported by Outlet, ignored");
        continue;
      }
      if (p.getKey().equals("Events") || p.getKey().equals("FunctionName")) {
        props.put(p.getKey(), p.getValue()); // events resolve one by one; the name already did
        continue;
      }
      intrinsics.resolveInto(props, p.getKey(), p.getValue(), at, warnings);
    }
    Map<String, String> env = new LinkedHashMap<>();
    environment(globals.get("Environment"), "Globals.Function.Environment.", env);
    environment(props.get("Environment"), at + "Environment.", env);
    Map<String, Object> merged = new LinkedHashMap<>(globals);
    merged.putAll(props);
    SamImage image = null;
    Path path = null;
    if ("Image".equals(String.valueOf(merged.get("PackageType")))) {
      image = ImageSources.read(dir, at, merged, SamReader.map(resource.get("Metadata")));
    } else {
      path = codePath(at, merged);
    }
    String arch = "x86_64";
    if (merged.get("Architectures") instanceof List<?> l && !l.isEmpty()) {
      arch = String.valueOf(l.get(0));
    }
    List<SamEvent> events = new ArrayList<>();
    for (Map.Entry<String, Object> e : SamReader.map(props.get("Events")).entrySet()) {
      SamEvent ev = event(id, name, e.getKey(), SamReader.map(e.getValue()));
      if (ev != null) {
        events.add(ev);
      }
    }
    return new SamFunction(
        id,
        name,
        path,
        image != null ? null : text(merged.get("Handler"), "bootstrap"),
        image != null ? null : text(merged.get("Runtime"), "provided.al2023"),
        arch,
        number(merged.get("MemorySize"), 128, at + "MemorySize"),
        number(merged.get("Timeout"), 3, at + "Timeout"),
        merged.get("Description") == null ? null : String.valueOf(merged.get("Description")),
        env,
        number(merged.get("ReservedConcurrentExecutions"), -1, at + "ReservedConcurrentExecutions"),
        events,
        AsyncConfigReader.deadLetter(
            AsyncConfigReader.merge(globals.get("DeadLetterQueue"), props.get("DeadLetterQueue")),
            at + "DeadLetterQueue.",
            warnings),
        AsyncConfigReader.invokeConfig(
            AsyncConfigReader.merge(
                globals.get("EventInvokeConfig"), props.get("EventInvokeConfig")),
            at + "EventInvokeConfig.",
            warnings),
        image);
  }

  private Path codePath(String at, Map<String, Object> merged) throws TemplateException {
    Object code = merged.get("CodeUri");
    if (!(code instanceof String codeUri)) {
      throw new TemplateException(
          at
              + "CodeUri: "
              + (code == null
                  ? "missing: Outlet needs a folder or a .zip"
                  : "an S3 location is not supported by Outlet: give a folder or a .zip"));
    }
    if (codeUri.startsWith("s3://")) {
      throw new TemplateException(
          at + "CodeUri: an S3 location is not supported by Outlet: give a folder or a .zip");
    }
    Path path = dir.resolve(codeUri).normalize();
    if (!Files.exists(path)) {
      throw new TemplateException(at + "CodeUri: " + path + " does not exist (build it first?)");
    }
    return path;
  }

  private void environment(Object env, String at, Map<String, String> into) {
    Map<String, Object> m = SamReader.map(env);
    for (String k : m.keySet()) {
      if (!ENVIRONMENT.contains(k)) {
        warnings.add(at + k + ": not supported by Outlet, ignored");
      }
    }
    SamReader.map(m.get("Variables")).forEach((k, v) -> into.put(k, scalar(v)));
  }

  private SamEvent event(String fnId, String fnName, String name, Map<String, Object> event) {
    String at = "Resources." + fnId + ".Properties.Events." + name;
    String type = String.valueOf(event.get("Type"));
    Set<String> known =
        switch (type) {
          case "HttpApi" -> HTTP_API_EVENT;
          case "Api" -> API_EVENT;
          case "Schedule" -> SCHEDULE_EVENT;
          case "EventBridgeRule" -> EVENT_RULE_EVENT;
          case "SQS" -> SQS_EVENT;
          default -> null;
        };
    if (known == null) {
      warnings.add(at + " (Type " + type + "): not supported by Outlet, ignored");
      return null;
    }
    for (String k : event.keySet()) {
      if (!k.equals("Type") && !k.equals("Properties")) {
        warnings.add(at + "." + k + ": not supported by Outlet, ignored");
      }
    }
    Map<String, Object> props = new LinkedHashMap<>();
    for (Map.Entry<String, Object> p : SamReader.map(event.get("Properties")).entrySet()) {
      if (!known.contains(p.getKey())) {
        warnings.add(at + ".Properties." + p.getKey() + ": not supported by Outlet, ignored");
        continue;
      }
      intrinsics.resolveInto(props, p.getKey(), p.getValue(), at + ".Properties.", warnings);
    }
    if (type.equals("Schedule")) {
      return schedule(fnId, name, at, props);
    }
    if (type.equals("EventBridgeRule")) {
      return eventRule(fnId, name, at, props);
    }
    if (type.equals("SQS")) {
      return SqsEventReader.read(name, at, props, warnings);
    }
    String path = props.get("Path") == null ? null : String.valueOf(props.get("Path"));
    String method = props.get("Method") == null ? null : String.valueOf(props.get("Method"));
    String routeKey;
    if (path == null && method == null && type.equals("HttpApi")) {
      routeKey = "$default";
    } else if (path == null || method == null) {
      warnings.add(at + ": Path and Method are both needed, event ignored");
      return null;
    } else {
      String m = method.toUpperCase(Locale.ROOT);
      routeKey =
          (m.equals("ANY") || m.equals("X-AMAZON-APIGATEWAY-ANY-METHOD") ? "ANY" : m) + " " + path;
    }
    if (type.equals("Api")) {
      return new SamEvent.Http(
          name, ApiKind.REST_API, routeKey, SamReader.IMPLICIT_REST_API, "1.0");
    }
    String api = SamReader.IMPLICIT_HTTP_API;
    if (props.get("ApiId") != null) {
      api = String.valueOf(props.get("ApiId"));
      if (!apis.contains(api)) {
        warnings.add(
            at
                + ".Properties.ApiId: "
                + api
                + " is not an AWS::Serverless::HttpApi of this template, event ignored");
        return null;
      }
    }
    String format =
        props.get("PayloadFormatVersion") == null
            ? "2.0"
            : scalar(props.get("PayloadFormatVersion"));
    if (!format.equals("1.0") && !format.equals("2.0")) {
      warnings.add(
          at + ".Properties.PayloadFormatVersion: " + format + " is not 1.0 or 2.0, using 2.0");
      format = "2.0";
    }
    return new SamEvent.Http(name, ApiKind.HTTP_API, routeKey, api, format);
  }

  private SamEvent eventRule(String fnId, String name, String at, Map<String, Object> props) {
    Object pattern = props.get("Pattern");
    if (!(pattern instanceof Map<?, ?>)) {
      warnings.add(at + ".Properties.Pattern: missing or not a mapping, event ignored");
      return null;
    }
    String json;
    try {
      json = JSON.writeValueAsString(pattern);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      warnings.add(at + ".Properties.Pattern: " + e.getOriginalMessage() + ", event ignored");
      return null;
    }
    return new SamEvent.EventRule(
        name,
        json,
        props.get("EventBusName") == null ? "default" : scalar(props.get("EventBusName")),
        ruleName(props.get("RuleName"), fnId, name),
        props.get("State") == null || scalar(props.get("State")).equalsIgnoreCase("ENABLED"),
        props.get("Input") == null ? null : scalar(props.get("Input")),
        props.get("InputPath") == null ? null : scalar(props.get("InputPath")));
  }

  /** A rule's name as the template gives it, else SAM's {@code <stack>-<function><event>}. */
  private String ruleName(Object given, String fnId, String name) {
    if (given != null) {
      return scalar(given);
    }
    String rule = stack + "-" + fnId + name;
    return rule.length() > 64 ? rule.substring(0, 64) : rule;
  }

  private SamEvent schedule(String fnId, String name, String at, Map<String, Object> props) {
    Object expr = props.get("Schedule");
    if (expr == null) {
      warnings.add(at + ".Properties.Schedule: missing, event ignored");
      return null;
    }
    boolean enabled = true;
    if (props.get("Enabled") != null) {
      enabled = Boolean.parseBoolean(scalar(props.get("Enabled")));
    }
    if (props.get("State") != null) {
      enabled = scalar(props.get("State")).equalsIgnoreCase("ENABLED");
    }
    String rule = ruleName(props.get("Name"), fnId, name);
    return new SamEvent.Schedule(
        name,
        scalar(expr),
        rule,
        enabled,
        props.get("Description") == null ? null : scalar(props.get("Description")),
        props.get("Input") == null ? null : scalar(props.get("Input")));
  }

  private int number(Object v, int def, String at) throws TemplateException {
    if (v == null) {
      return def;
    }
    try {
      return Integer.parseInt(scalar(v).trim());
    } catch (NumberFormatException e) {
      throw new TemplateException(at + ": '" + v + "' is not a whole number");
    }
  }

  private static String text(Object v, String def) {
    return v == null ? def : scalar(v);
  }

  private static String scalar(Object v) {
    return v instanceof Map<?, ?> || v instanceof List<?> ? String.valueOf(v) : String.valueOf(v);
  }
}
