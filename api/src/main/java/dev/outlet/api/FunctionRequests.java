package dev.outlet.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.core.Architecture;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Limits;
import dev.outlet.core.LoggingConfig;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses and validates CreateFunction, UpdateFunctionConfiguration and UpdateFunctionCode bodies
 * into domain values, with AWS's exceptions and messages (lambda-contract.md §2.6). Pure.
 */
final class FunctionRequests {
  /**
   * Request bodies carry the base64 zip (up to 50 MB zipped, about 67 MB of text): Jackson's
   * default 20 MB cap on one string value is raised to the whole request's cap, which CappedBody
   * enforces while streaming.
   */
  static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxStringLength((int) Limits.CREATE_REQUEST)
                      .build())
              .build());

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]+");
  private static final String ROLE_PATTERN =
      "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
  private static final Pattern ROLE = Pattern.compile(ROLE_PATTERN);
  private static final Pattern HANDLER = Pattern.compile("[^\\s]+");

  private FunctionRequests() {}

  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || !n.isObject()) {
        throw new LambdaException(
            ErrorCode.INVALID_REQUEST_CONTENT,
            "Could not parse request body into json: not an object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new LambdaException(
          ErrorCode.INVALID_REQUEST_CONTENT,
          "Could not parse request body into json: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new LambdaException(ErrorCode.INVALID_REQUEST_CONTENT, "Could not read request body");
    }
  }

  /** The FunctionName of a CreateFunction request. */
  static String functionName(JsonNode n) {
    String name = text(n, "FunctionName");
    if (name == null || name.isEmpty()) {
      throw LambdaException.validation("null", "functionName", "Member must not be null");
    }
    if (name.length() > 64) {
      throw LambdaException.invalidParameter(
          "1 validation error detected: Value '"
              + name
              + "' at 'functionName' failed to satisfy constraint: Member must have length less"
              + " than or equal to 64");
    }
    if (!NAME.matcher(name).matches()) {
      throw LambdaException.validation(
          name,
          "functionName",
          "Member must satisfy regular expression pattern: "
              + dev.outlet.core.FunctionRef.PATTERN_TEXT);
    }
    return name;
  }

  /** A create request's configuration (defaults as AWS's) or an update applied to {@code base}. */
  static FunctionConfig config(JsonNode n, FunctionConfig base) {
    boolean create = base == null;
    String role = text(n, "Role");
    if (role == null && create) {
      throw LambdaException.validation("null", "role", "Member must not be null");
    }
    if (role != null && !ROLE.matcher(role).matches()) {
      throw LambdaException.validation(
          role, "role", "Member must satisfy regular expression pattern: " + ROLE_PATTERN);
    }
    if (create && "Image".equals(text(n, "PackageType"))) {
      throw LambdaException.invalidParameter(
          "Outlet runs zip packages; container images (PackageType Image) are not supported.");
    }
    String runtime = text(n, "Runtime");
    if (runtime == null && create) {
      throw LambdaException.invalidParameter(
          "Runtime and Handler are mandatory parameters for functions created with Zip packages.");
    }
    if (runtime != null) {
      Runtimes.check(runtime);
    }
    String handler = text(n, "Handler");
    if (handler != null && (handler.length() > 128 || !HANDLER.matcher(handler).matches())) {
      throw LambdaException.validation(
          handler,
          "handler",
          handler.length() > 128
              ? "Member must have length less than or equal to 128"
              : "Member must satisfy regular expression pattern: [^\\s]+");
    }
    if (n.has("Layers") && n.get("Layers").size() > 0) {
      throw LambdaException.invalidParameter(
          "Outlet does not support layers yet: put what the layer holds in the function's zip.");
    }
    String description = text(n, "Description");
    if (description != null && description.length() > 256) {
      throw LambdaException.validation(
          description, "description", "Member must have length less than or equal to 256");
    }
    int memory =
        range(
            n,
            "MemorySize",
            "memorySize",
            Limits.MIN_MEMORY,
            Limits.MAX_MEMORY,
            create ? 128 : base.memorySize());
    int timeout =
        range(
            n,
            "Timeout",
            "timeout",
            Limits.MIN_TIMEOUT,
            Limits.MAX_TIMEOUT,
            create ? 3 : base.timeout());
    int ephemeral =
        n.has("EphemeralStorage")
            ? range(
                n.get("EphemeralStorage"),
                "Size",
                "ephemeralStorage.size",
                Limits.MIN_EPHEMERAL,
                Limits.MAX_EPHEMERAL,
                512)
            : create ? 512 : base.ephemeralStorage();
    Architecture arch = architecture(n, create ? Architecture.X86_64 : base.architecture());
    Map<String, String> env = create ? null : base.environment();
    if (n.has("Environment")) {
      env = new LinkedHashMap<>();
      JsonNode vars = n.get("Environment").get("Variables");
      if (vars != null && vars.isObject()) {
        for (Map.Entry<String, JsonNode> e : vars.properties()) {
          env.put(e.getKey(), e.getValue().asText());
        }
      }
      EnvironmentRules.check(env);
    }
    LoggingConfig logging =
        n.has("LoggingConfig")
            ? logging(n.get("LoggingConfig"), create ? LoggingConfig.DEFAULT : base.logging())
            : create ? LoggingConfig.DEFAULT : base.logging();
    return new FunctionConfig(
        runtime != null ? runtime : base.runtime(),
        handler != null ? handler : create ? null : base.handler(),
        role != null ? role : base.role(),
        description != null ? description : create ? "" : base.description(),
        memory,
        timeout,
        arch,
        ephemeral,
        env,
        logging);
  }

  private static final java.util.List<String> FORMATS = java.util.List.of("JSON", "Text");
  private static final java.util.List<String> APPLICATION_LEVELS =
      java.util.List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
  private static final java.util.List<String> SYSTEM_LEVELS =
      java.util.List.of("DEBUG", "INFO", "WARN");
  private static final Pattern LOG_GROUP = Pattern.compile("[\\.\\-_/#A-Za-z0-9]+");

  /**
   * A LoggingConfig member applied to {@code base}: what is absent is kept; levels exist only with
   * JSON (INFO by default, as AWS), and asking for one with Text is refused as AWS refuses it.
   */
  static LoggingConfig logging(JsonNode n, LoggingConfig base) {
    if (n == null || !n.isObject()) {
      return base;
    }
    String format = enumValue(n, "LogFormat", "loggingConfig.logFormat", FORMATS);
    String app =
        enumValue(
            n, "ApplicationLogLevel", "loggingConfig.applicationLogLevel", APPLICATION_LEVELS);
    String system = enumValue(n, "SystemLogLevel", "loggingConfig.systemLogLevel", SYSTEM_LEVELS);
    String group = text(n, "LogGroup");
    if (group != null) {
      if (group.isEmpty() || group.length() > 512) {
        throw LambdaException.validation(
            group,
            "loggingConfig.logGroup",
            group.isEmpty()
                ? "Member must have length greater than or equal to 1"
                : "Member must have length less than or equal to 512");
      }
      if (!LOG_GROUP.matcher(group).matches()) {
        throw LambdaException.validation(
            group,
            "loggingConfig.logGroup",
            "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
      }
    }
    String resultFormat = format != null ? format : base.logFormat();
    if (LoggingConfig.TEXT.equals(resultFormat)) {
      if (app != null || system != null) {
        throw LambdaException.invalidParameter(
            "LogLevel is not supported when LogFormat is set to \"Text\". Remove LogLevel from"
                + " your request or change the LogFormat to \"JSON\" and try again.");
      }
      return new LoggingConfig(
          LoggingConfig.TEXT, null, null, group != null ? group : base.logGroup());
    }
    String baseApp = base.applicationLogLevel() != null ? base.applicationLogLevel() : "INFO";
    String baseSystem = base.systemLogLevel() != null ? base.systemLogLevel() : "INFO";
    return new LoggingConfig(
        LoggingConfig.JSON,
        app != null ? app : baseApp,
        system != null ? system : baseSystem,
        group != null ? group : base.logGroup());
  }

  private static String enumValue(
      JsonNode n, String field, String member, java.util.List<String> allowed) {
    String v = text(n, field);
    if (v != null && !allowed.contains(v)) {
      throw LambdaException.validation(v, member, "Member must satisfy enum value set: " + allowed);
    }
    return v;
  }

  /** Architectures, or {@code fallback} when absent. */
  static Architecture architecture(JsonNode n, Architecture fallback) {
    JsonNode a = n.get("Architectures");
    if (a == null || a.isNull()) {
      return fallback;
    }
    if (a.size() > 1) {
      throw LambdaException.validation(
          a.toString().replace("\"", "").replace(",", ", "),
          "architectures",
          "Member must have length less than or equal to 1");
    }
    String name = a.size() == 0 ? "" : a.get(0).asText();
    return Architecture.fromWire(name)
        .orElseThrow(
            () ->
                LambdaException.validation(
                    "[" + name + "]",
                    "architectures",
                    "[Member must satisfy enum value set: [x86_64, arm64], Member must not be null]"));
  }

  /** The decoded {@code ZipFile} of a Code object (create) or of an update-code body. */
  static byte[] zipFile(JsonNode code) {
    if (code == null || code.isNull()) {
      throw LambdaException.validation("null", "code", "Member must not be null");
    }
    if (code.has("S3Bucket") || code.has("S3Key")) {
      throw LambdaException.invalidParameter(
          "Outlet has no S3: upload the package itself (aws lambda ... --zip-file fileb://function.zip).");
    }
    if (code.has("ImageUri")) {
      throw LambdaException.invalidParameter(
          "Outlet runs zip packages; container images (ImageUri) are not supported.");
    }
    String b64 = text(code, "ZipFile");
    if (b64 == null) {
      throw LambdaException.invalidParameter(
          "Please provide a source for function code: ZipFile (aws lambda ... --zip-file fileb://function.zip).");
    }
    try {
      byte[] zip = Base64.getMimeDecoder().decode(b64);
      if (zip.length > Limits.ZIPPED_CODE) {
        throw LambdaException.tooLarge("Zipped size must be smaller than 52428800 bytes");
      }
      return zip;
    } catch (IllegalArgumentException e) {
      throw LambdaException.invalidParameter(
          "Could not unzip uploaded file. Please check your file, then try to upload again.");
    }
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static int range(
      JsonNode n, String field, String member, int min, int max, int fallback) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToInt()) {
      throw LambdaException.validation(v.asText(), member, "Member must be a number");
    }
    int value = v.asInt();
    if (value > max) {
      throw LambdaException.validation(
          Integer.toString(value), member, "Member must have value less than or equal to " + max);
    }
    if (value < min) {
      throw LambdaException.validation(
          Integer.toString(value),
          member,
          "Member must have value greater than or equal to " + min);
    }
    return value;
  }
}
