package dev.outlet.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.api.Deployed;
import dev.outlet.core.LambdaException;
import dev.outlet.core.LogSink;
import dev.outlet.invoke.InvokeOutcome;
import dev.outlet.local.run.LocalRunner;
import dev.outlet.local.sam.SamFunction;
import dev.outlet.local.sam.SamReader;
import dev.outlet.local.sam.SamTemplate;
import dev.outlet.local.sam.TemplateException;
import dev.outlet.sandbox.SandboxSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code outlet local invoke}: runs a function once in a real sandbox, without a server. */
@Command(
    name = "invoke",
    description = {
      "Runs a function once in a real sandbox (same Runtime API, isolation and limits as `outlet"
          + " serve`), without a server.",
      "The result goes to stdout; the function's log (INIT_START, START, END, REPORT) to stderr.",
      "Exit status: 0 success, 1 function error, 2 bad usage or a package Lambda would refuse."
    },
    mixinStandardHelpOptions = true)
public final class LocalInvokeCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int FUNCTION_ERROR = 1;
  static final int USAGE = 2;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FUNCTION_LOGICAL_ID",
      description = "A function of the template (needed when it has more than one)")
  String logicalId;

  @Option(names = "--template", paramLabel = "FILE", description = "A SAM template")
  Path template;

  @Option(names = "--zip", paramLabel = "FILE", description = "A deployment package")
  Path zip;

  @Option(names = "--dir", paramLabel = "DIR", description = "A folder to package")
  Path dir;

  @picocli.CommandLine.Mixin ImageOptions images = new ImageOptions();

  @Option(names = "--handler", description = "Default: bootstrap")
  String handler;

  @Option(names = "--runtime", description = "Default: provided.al2023")
  String runtime;

  @Option(names = "--arch", description = "x86_64 (default) or arm64")
  String arch;

  @Option(names = "--memory", paramLabel = "MB", description = "Default: 128")
  Integer memory;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Default: 3")
  Integer timeout;

  @Option(names = "--env", paramLabel = "KEY=VALUE", description = "An environment variable")
  List<String> env = new ArrayList<>();

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      description = "KEY=VALUE lines, a JSON object, or SAM's {\"Parameters\":{},\"<Id>\":{}}")
  Path envFile;

  @Option(
      names = {"--event", "-e"},
      paramLabel = "FILE",
      description = "The event JSON, - for stdin (default {})")
  String event;

  @Option(
      names = "--debug-port",
      paramLabel = "N",
      description =
          "Debugging: OUTLET_DEBUG_PORT=N and JDWP on N for JVMs (suspend=y), deadline 15 min")
  Integer debugPort;

  @Option(names = "--region", defaultValue = "us-east-1", description = "Default: ${DEFAULT-VALUE}")
  String region;

  @Option(
      names = "--interpreter",
      paramLabel = "ID=PATH",
      description =
          "Serve a managed runtime with this interpreter, e.g. python3.12=/usr/bin/python3.11"
              + " (as serve --runtime)")
  java.util.Map<String, Path> interpreters = new java.util.LinkedHashMap<>();

  @Option(
      names = "--parameter-overrides",
      paramLabel = "KEY=VALUE",
      description = "Template parameter values")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    dev.outlet.core.StartupTrace.mark("local invoke: call");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LocalTarget target;
    byte[] payload;
    try {
      target = target(err);
      payload = payload();
    } catch (UsageException e) {
      err.println("Error: " + e.getMessage());
      err.flush();
      return USAGE;
    }
    LogSink sink =
        (group, stream, ts, message) -> {
          synchronized (err) {
            err.println(message);
            err.flush();
          }
        };
    dev.outlet.core.StartupTrace.mark("local invoke: options parsed");
    long initLimit = debugPort == null ? 10_000 : 900_000;
    try (LocalRunner runner = new LocalRunner(sink, true, region, initLimit, interpreters)) {
      dev.outlet.core.StartupTrace.mark("local invoke: runner");
      runner.expect(target.runtime());
      Deployed fn;
      try {
        fn = runner.create(target.create());
      } catch (LambdaException e) {
        err.println(e.code().wireName() + ": " + e.getMessage());
        err.flush();
        return USAGE;
      }
      if (debugPort != null) {
        err.println(
            "[outlet] debug: OUTLET_DEBUG_PORT="
                + debugPort
                + "; a JVM waits for a debugger on 127.0.0.1:"
                + debugPort
                + "; the deadline is 15 minutes");
        err.flush();
      }
      dev.outlet.core.StartupTrace.mark("local invoke: created");
      InvokeOutcome outcome = runner.invoke(fn, payload, this::debug);
      dev.outlet.core.StartupTrace.mark("local invoke: invoked");
      out.println(new String(outcome.result().body(), StandardCharsets.UTF_8));
      out.flush();
      if (outcome.result().failed()) {
        err.println(describe(outcome.result().body()));
        err.flush();
        return FUNCTION_ERROR;
      }
      return OK;
    } catch (IOException e) {
      err.println("Error: " + e.getMessage());
      return USAGE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FUNCTION_ERROR;
    }
  }

  private SandboxSpec debug(SandboxSpec s) {
    if (debugPort == null) {
      return s;
    }
    Map<String, String> env = new LinkedHashMap<>(s.userEnvironment());
    env.put("OUTLET_DEBUG_PORT", Integer.toString(debugPort));
    env.putIfAbsent(
        "JAVA_TOOL_OPTIONS",
        "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:" + debugPort);
    return s.with("|debug", env, 900);
  }

  /** "Function error: Type: message" from an error body, or the body itself. */
  static String describe(byte[] body) {
    try {
      JsonNode n = new ObjectMapper().readTree(body);
      if (n != null && n.isObject()) {
        return "Function error: "
            + n.path("errorType").asText("Unhandled")
            + ": "
            + n.path("errorMessage").asText("");
      }
    } catch (IOException e) {
      // not JSON: shown as it is
    }
    return "Function error: " + new String(body, StandardCharsets.UTF_8);
  }

  private byte[] payload() throws UsageException {
    if (event == null) {
      return "{}".getBytes(StandardCharsets.US_ASCII);
    }
    try {
      return event.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(event));
    } catch (IOException e) {
      throw new UsageException("--event " + event + ": " + e.getMessage());
    }
  }

  private LocalTarget target(PrintWriter err) throws UsageException {
    boolean flags = zip != null || dir != null || images.image != null;
    if (flags && (template != null || logicalId != null)) {
      throw new UsageException("give either --zip/--dir/--image or a template function, not both");
    }
    if (zip != null && dir != null) {
      throw new UsageException("give --zip or --dir, not both");
    }
    if (images.image != null && (zip != null || dir != null)) {
      throw new UsageException("give --image or --zip/--dir, not both");
    }
    Map<String, String> vars = new LinkedHashMap<>();
    if (images.image != null) {
      return imageTarget(vars);
    }
    if (flags) {
      Path code = zip != null ? zip : dir;
      if (!Files.exists(code)) {
        throw new UsageException(code + " does not exist");
      }
      if (zip != null && Files.isDirectory(zip)) {
        throw new UsageException("--zip " + zip + " is a folder: use --dir");
      }
      if (dir != null && !Files.isDirectory(dir)) {
        throw new UsageException("--dir " + dir + " is not a folder: use --zip");
      }
      addEnv(vars, null);
      return new LocalTarget(
          name(code),
          code,
          null,
          null,
          or(handler, "bootstrap"),
          or(runtime, "provided.al2023"),
          or(arch, "x86_64"),
          memory == null ? 128 : memory,
          timeout == null ? 3 : timeout,
          vars);
    }
    SamTemplate t = template();
    t.warnings().forEach(w -> err.println("Warning: " + w));
    err.flush();
    SamFunction f;
    if (logicalId != null) {
      f =
          t.function(logicalId)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "the template has no function "
                              + logicalId
                              + "; its functions: "
                              + t.functions().stream().map(SamFunction::logicalId).toList()));
    } else if (t.functions().size() == 1) {
      f = t.functions().get(0);
    } else {
      throw new UsageException(
          "name the function to invoke: "
              + t.functions().stream().map(SamFunction::logicalId).toList());
    }
    vars.putAll(f.environment());
    addEnv(vars, f.logicalId());
    if (f.isImage() && !f.image().local()) {
      throw new UsageException(
          f.logicalId()
              + ": ImageUri "
              + f.image().uri()
              + " names a registry, and local invoke has none: give an OCI layout folder or an"
              + " image tarball (ImageUri or Metadata.DockerContext), or outlet deploy the template"
              + " to outlet serve");
    }
    return new LocalTarget(
        f.name(),
        f.codeUri(),
        f.isImage() ? f.image().uri() : null,
        f.isImage() ? images.config(f.image()) : null,
        or(handler, f.handler()),
        or(runtime, f.runtime()),
        or(arch, f.architecture()),
        memory == null ? f.memorySize() : memory,
        timeout == null ? f.timeout() : timeout,
        vars);
  }

  /** An image function from {@code --image} and the flags. */
  private LocalTarget imageTarget(Map<String, String> vars) throws UsageException {
    dev.outlet.images.LocalImage local =
        dev.outlet.images.LocalImage.parse(images.image, Path.of(""));
    if (!Files.exists(local.path())) {
      throw new UsageException("--image " + images.image + ": " + local.path() + " does not exist");
    }
    if (handler != null || runtime != null) {
      throw new UsageException("--handler and --runtime are for zip functions, not --image");
    }
    addEnv(vars, null);
    return new LocalTarget(
        name(local.path()),
        null,
        local.toString(),
        images.config(null),
        null,
        null,
        or(arch, "x86_64"),
        memory == null ? 128 : memory,
        timeout == null ? 3 : timeout,
        vars);
  }

  private SamTemplate template() throws UsageException {
    try {
      Path file = template != null ? template : SamReader.find(Path.of("."));
      return new SamReader(region, "000000000000").read(file, null, EnvFiles.pairs(overrides));
    } catch (TemplateException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private void addEnv(Map<String, String> vars, String id) throws UsageException {
    if (envFile != null) {
      vars.putAll(EnvFiles.read(envFile, id));
    }
    vars.putAll(EnvFiles.pairs(env));
  }

  private static String name(Path code) {
    String n = code.toAbsolutePath().normalize().getFileName().toString().replaceAll("\\.zip$", "");
    n = n.replaceAll("[^a-zA-Z0-9_-]", "-");
    return n.isEmpty() ? "local" : n.length() > 64 ? n.substring(0, 64) : n;
  }

  private static <T> T or(T v, T def) {
    return v == null ? def : v;
  }
}
