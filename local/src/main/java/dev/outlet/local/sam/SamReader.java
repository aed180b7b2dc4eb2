package dev.outlet.local.sam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a SAM template into a {@link SamTemplate}: the subset users write for functions with HTTP,
 * schedule, EventBridge and SQS events, and their SQS queues. Every property, event type, resource
 * type or intrinsic Outlet does not honour yields one warning naming its place in the template; a
 * template Outlet cannot use at all (no file, bad YAML, a function without {@code CodeUri}) raises
 * {@link TemplateException}. Pure apart from reading the file; stateless.
 */
public final class SamReader {
  public static final String TRANSFORM = "AWS::Serverless-2016-10-31";
  public static final String IMPLICIT_HTTP_API = "ServerlessHttpApi";
  public static final String IMPLICIT_REST_API = "ServerlessRestApi";
  static final String QUEUE = "AWS::SQS::Queue";

  static final Set<String> FUNCTION_PROPERTIES =
      Set.of(
          "CodeUri",
          "Handler",
          "Runtime",
          "Architectures",
          "MemorySize",
          "Timeout",
          "Environment",
          "ReservedConcurrentExecutions",
          "Events",
          "FunctionName",
          "Description",
          "DeadLetterQueue",
          "EventInvokeConfig",
          "PackageType",
          "ImageUri",
          "ImageConfig");
  private static final Set<String> QUIET_TOP_LEVEL =
      Set.of("AWSTemplateFormatVersion", "Transform", "Description", "Metadata");
  private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  private final String region;
  private final String account;
  private final String queueEndpoint;

  /** A reader whose queue URLs ({@code !Ref Queue}) are AWS's for {@code region}. */
  public SamReader(String region, String account) {
    this(region, account, "https://sqs." + region + ".amazonaws.com");
  }

  /**
   * @param queueEndpoint what queue URLs start with: the endpoint the template is deployed to,
   *     whose SQS answers {@code <endpoint>/<account>/<name>}
   */
  public SamReader(String region, String account, String queueEndpoint) {
    this.region = region;
    this.account = account;
    this.queueEndpoint =
        queueEndpoint.endsWith("/")
            ? queueEndpoint.substring(0, queueEndpoint.length() - 1)
            : queueEndpoint;
  }

  /** {@code template.yaml}, {@code template.yml} or {@code template.json} in {@code dir}. */
  public static Path find(Path dir) throws TemplateException {
    for (String name : List.of("template.yaml", "template.yml", "template.json")) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new TemplateException(
        "no template.yaml, template.yml or template.json in "
            + dir.toAbsolutePath()
            + " (--template FILE)");
  }

  /** The default stack name: the template's folder name, made a valid name. */
  public static String defaultStackName(Path template) {
    Path dir = template.toAbsolutePath().normalize().getParent();
    String name =
        dir == null || dir.getFileName() == null ? "outlet" : dir.getFileName().toString();
    name = name.replaceAll("[^A-Za-z0-9-]", "-");
    return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "stack-" + name : name;
  }

  public SamTemplate read(Path file, String stackName, Map<String, String> overrides)
      throws TemplateException {
    if (!Files.isRegularFile(file)) {
      throw new TemplateException("template " + file + " does not exist");
    }
    Object root;
    try {
      root = TemplateYaml.load(file);
    } catch (IOException e) {
      throw new TemplateException("cannot read " + file + ": " + e.getMessage());
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new TemplateException(file.getFileName() + ": the template is not a mapping");
    }
    String stack = stackName != null ? stackName : defaultStackName(file);
    Warnings warnings = new Warnings();
    Object transform = top.get("Transform");
    boolean sam =
        transform != null
            && (transform.equals(TRANSFORM)
                || (transform instanceof List<?> l && l.contains(TRANSFORM)));
    if (!sam) {
      warnings.add("Transform: " + TRANSFORM + " is missing; reading the template as SAM anyway");
    } else if (transform instanceof List<?> l && l.size() > 1) {
      warnings.add("Transform: only " + TRANSFORM + " is supported by Outlet; others ignored");
    }
    for (Object key : top.keySet()) {
      String k = String.valueOf(key);
      if (!QUIET_TOP_LEVEL.contains(k)
          && !Set.of("Parameters", "Globals", "Resources").contains(k)) {
        warnings.add(k + ": not supported by Outlet, ignored");
      }
    }
    Map<String, String> parameters = parameters(map(top.get("Parameters")), overrides, warnings);
    Map<String, Object> resources = map(top.get("Resources"));
    if (resources.isEmpty()) {
      throw new TemplateException(file.getFileName() + ": the template has no Resources");
    }
    Map<String, String> functionNames = new LinkedHashMap<>();
    List<String> apis = new ArrayList<>();
    List<String> queueIds = new ArrayList<>();
    for (Map.Entry<String, Object> e : resources.entrySet()) {
      Map<String, Object> res = map(e.getValue());
      String type = String.valueOf(res.get("Type"));
      if (type.equals("AWS::Serverless::Function")) {
        functionNames.put(e.getKey(), null);
      } else if (type.equals("AWS::Serverless::HttpApi")) {
        apis.add(e.getKey());
      } else if (type.equals(QUEUE)) {
        queueIds.add(e.getKey());
      } else {
        warnings.add(
            "Resources."
                + e.getKey()
                + " (Type "
                + type
                + "): not supported by Outlet, not deployed");
      }
    }
    Intrinsics early = new Intrinsics(parameters, Map.of(), apis, stack, region, account);
    for (String id : functionNames.keySet()) {
      Object fn = map(map(resources.get(id)).get("Properties")).get("FunctionName");
      String name = stack + "-" + id;
      if (fn != null) {
        try {
          name = String.valueOf(early.resolve(fn));
        } catch (Intrinsics.Unsupported u) {
          warnings.add(
              "Resources." + id + ".Properties.FunctionName: " + u.getMessage() + ", ignored");
        }
      }
      if (!FUNCTION_NAME.matcher(name).matches()) {
        throw new TemplateException(
            "Resources."
                + id
                + ": function name '"
                + name
                + "' must be 1-64 letters, digits, - or _"
                + (fn == null ? " (set FunctionName or a shorter --stack-name)" : ""));
      }
      functionNames.put(id, name);
    }
    Map<String, SamQueue.Names> queueNames = new LinkedHashMap<>();
    for (String id : queueIds) {
      queueNames.put(
          id,
          QueueReader.names(
              id, map(resources.get(id)), stack, early, region, account, queueEndpoint, warnings));
    }
    Intrinsics intrinsics =
        new Intrinsics(parameters, functionNames, apis, queueNames, stack, region, account);
    List<SamQueue> queues = new ArrayList<>();
    QueueReader queueReader = new QueueReader(intrinsics, warnings);
    for (var q : queueNames.entrySet()) {
      queues.add(queueReader.read(q.getKey(), q.getValue(), map(resources.get(q.getKey()))));
    }
    Map<String, Object> globals = globals(map(top.get("Globals")), intrinsics, warnings);
    List<SamFunction> functions = new ArrayList<>();
    FunctionReader reader =
        new FunctionReader(file.toAbsolutePath().getParent(), stack, intrinsics, apis, warnings);
    for (Map.Entry<String, String> f : functionNames.entrySet()) {
      functions.add(reader.read(f.getKey(), f.getValue(), map(resources.get(f.getKey())), globals));
    }
    for (String api : apis) {
      Map<String, Object> res = map(resources.get(api));
      resourceKeys(api, res, warnings);
      for (String p : map(res.get("Properties")).keySet()) {
        warnings.add(
            "Resources." + api + ".Properties." + p + ": not supported by Outlet, ignored");
      }
    }
    return new SamTemplate(
        stack,
        file.toAbsolutePath(),
        functions,
        apis,
        QueueReader.deadLettersFirst(queues),
        warnings.list());
  }

  static void resourceKeys(String id, Map<String, Object> res, Warnings warnings) {
    for (String k : res.keySet()) {
      if (!Set.of("Type", "Properties", "Metadata").contains(k)) {
        warnings.add("Resources." + id + "." + k + ": not supported by Outlet, ignored");
      }
    }
  }

  private static Map<String, String> parameters(
      Map<String, Object> declared, Map<String, String> overrides, Warnings warnings)
      throws TemplateException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : declared.entrySet()) {
      Object def = map(e.getValue()).get("Default");
      if (overrides.containsKey(e.getKey())) {
        out.put(e.getKey(), overrides.get(e.getKey()));
      } else if (def != null) {
        out.put(
            e.getKey(),
            def instanceof List<?> l
                ? String.join(",", l.stream().map(String::valueOf).toList())
                : String.valueOf(def));
      } else {
        throw new TemplateException(
            "Parameters."
                + e.getKey()
                + " has no Default: pass --parameter-overrides "
                + e.getKey()
                + "=VALUE");
      }
    }
    for (String k : overrides.keySet()) {
      if (!declared.containsKey(k)) {
        warnings.add(
            "--parameter-overrides " + k + ": the template declares no such parameter, ignored");
      }
    }
    return out;
  }

  private static Map<String, Object> globals(
      Map<String, Object> globals, Intrinsics intrinsics, Warnings warnings) {
    Map<String, Object> fn = new LinkedHashMap<>();
    for (Map.Entry<String, Object> section : globals.entrySet()) {
      if (!section.getKey().equals("Function")) {
        warnings.add("Globals." + section.getKey() + ": not supported by Outlet, ignored");
        continue;
      }
      for (Map.Entry<String, Object> p : map(section.getValue()).entrySet()) {
        String where = "Globals.Function." + p.getKey();
        if (!FUNCTION_PROPERTIES.contains(p.getKey())
            || p.getKey().equals("Events")
            || p.getKey().equals("FunctionName")) {
          warnings.add(where + ": not supported by Outlet, ignored");
          continue;
        }
        try {
          Object v = intrinsics.resolve(p.getValue());
          if (v != Intrinsics.NO_VALUE) {
            fn.put(p.getKey(), v);
          }
        } catch (Intrinsics.Unsupported u) {
          warnings.add(where + ": " + u.getMessage() + ", ignored");
        }
      }
    }
    return fn;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), v));
      return out;
    }
    return Map.of();
  }

  /** Warnings in the order found, each once. */
  static final class Warnings {
    private final Set<String> lines = new LinkedHashSet<>();

    void add(String line) {
      lines.add(line);
    }

    List<String> list() {
      return List.copyOf(lines);
    }
  }
}
