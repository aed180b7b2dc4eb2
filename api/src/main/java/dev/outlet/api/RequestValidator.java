package dev.outlet.api;

import dev.outlet.api.model.CreateFunctionRequest;
import dev.outlet.api.model.EphemeralStorage;
import dev.outlet.api.model.FunctionCode;
import dev.outlet.api.model.FunctionSettings;
import dev.outlet.api.model.TracingConfig;
import dev.outlet.core.Architecture;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.FunctionRef;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Limits;
import dev.outlet.core.LoggingConfig;
import dev.outlet.core.SnapStartApplyOn;
import dev.outlet.core.TracingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one place the control plane's request records are checked against AWS's rules and turned into
 * domain values, with AWS's exceptions and messages (lambda-contract.md §2.6). Pure.
 *
 * <p>Checks run in a fixed order and the first failure is thrown, as AWS reports one error at a
 * time for these members: name, role, package type, runtime, handler, layers, description, memory,
 * timeout, ephemeral storage, architectures, environment, logging, tracing, SnapStart. What could
 * not even be bound (a member of the wrong type) was refused before, by {@link WireJson}.
 */
final class RequestValidator {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]+");
  private static final String ROLE_PATTERN =
      "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
  private static final Pattern ROLE = Pattern.compile(ROLE_PATTERN);
  private static final Pattern HANDLER = Pattern.compile("[^\\s]+");
  private static final List<String> TRACING_MODES = List.of("Active", "PassThrough");

  private RequestValidator() {}

  /** The FunctionName of a CreateFunction request. */
  static String functionName(CreateFunctionRequest request) {
    String name = request.functionName();
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
          "Member must satisfy regular expression pattern: " + FunctionRef.PATTERN_TEXT);
    }
    return name;
  }

  /**
   * A create request's configuration ({@code base} null: AWS's defaults fill what it leaves out) or
   * an update applied to {@code base} (what it leaves out is kept).
   */
  static FunctionConfig config(FunctionSettings s, FunctionConfig base) {
    boolean create = base == null;
    String role = s.role();
    if (role == null && create) {
      throw LambdaException.validation("null", "role", "Member must not be null");
    }
    if (role != null && !ROLE.matcher(role).matches()) {
      throw LambdaException.validation(
          role, "role", "Member must satisfy regular expression pattern: " + ROLE_PATTERN);
    }
    boolean image = create ? packageImage((CreateFunctionRequest) s) : base.runtime() == null;
    if (image && create && (s.runtime() != null || s.handler() != null || s.layers() != null)) {
      throw LambdaException.invalidParameter(
          "Please don't provide Handler or Runtime or Layer when the intended function PackageType"
              + " is Image.");
    }
    if (image && !create && (s.runtime() != null || s.handler() != null || s.layers() != null)) {
      throw LambdaException.invalidParameter(
          "Please don't provide Handler or Runtime or Layer when updating a function with"
              + " packageType Image.");
    }
    if (!image && s.imageConfig() != null) {
      throw LambdaException.invalidParameter(
          "Please don't provide ImageConfig when the intended function PackageType is Zip.");
    }
    String runtime = s.runtime();
    if (runtime == null && create && !image) {
      throw LambdaException.invalidParameter(
          "Runtime and Handler are mandatory parameters for functions created with Zip packages.");
    }
    if (runtime != null) {
      Runtimes.check(runtime);
    }
    String handler = s.handler();
    if (handler != null && (handler.length() > 128 || !HANDLER.matcher(handler).matches())) {
      throw LambdaException.validation(
          handler,
          "handler",
          handler.length() > 128
              ? "Member must have length less than or equal to 128"
              : "Member must satisfy regular expression pattern: [^\\s]+");
    }
    if (s.layers() != null) {
      layerArns(s.layers());
    }
    String description = s.description();
    if (description != null && description.length() > 256) {
      throw LambdaException.validation(
          description, "description", "Member must have length less than or equal to 256");
    }
    int memory =
        range(
            s.memorySize(),
            "memorySize",
            Limits.MIN_MEMORY,
            Limits.MAX_MEMORY,
            create ? 128 : base.memorySize());
    int timeout =
        range(
            s.timeout(),
            "timeout",
            Limits.MIN_TIMEOUT,
            Limits.MAX_TIMEOUT,
            create ? 3 : base.timeout());
    EphemeralStorage storage = s.ephemeralStorage();
    int ephemeral =
        storage != null
            ? range(
                storage.size(),
                "ephemeralStorage.size",
                Limits.MIN_EPHEMERAL,
                Limits.MAX_EPHEMERAL,
                512)
            : create ? 512 : base.ephemeralStorage();
    Architecture arch =
        s instanceof CreateFunctionRequest c
            ? architecture(c.architectures(), Architecture.X86_64)
            : base.architecture();
    Map<String, String> env = create ? null : base.environment();
    if (s.environment() != null) {
      Map<String, String> vars = s.environment().variables();
      env = vars == null ? new LinkedHashMap<>() : new LinkedHashMap<>(vars);
      EnvironmentRules.check(env);
    }
    LoggingConfig baseLogging = create ? LoggingConfig.DEFAULT : base.logging();
    LoggingConfig logging =
        s.loggingConfig() != null
            ? LoggingRules.apply(s.loggingConfig(), baseLogging)
            : baseLogging;
    TracingMode tracing =
        tracing(s.tracingConfig(), create ? TracingMode.PASS_THROUGH : base.tracing());
    SnapStartApplyOn snapStart =
        SnapStartRules.applyOn(s.snapStart(), create ? SnapStartApplyOn.NONE : base.snapStart());
    String effectiveRuntime = runtime != null ? runtime : create ? null : base.runtime();
    if (effectiveRuntime != null) {
      SnapStartRules.check(effectiveRuntime, snapStart);
    }
    return new FunctionConfig(
        effectiveRuntime,
        handler != null ? handler : create ? null : base.handler(),
        role != null ? role : base.role(),
        description != null ? description : create ? "" : base.description(),
        memory,
        timeout,
        arch,
        ephemeral,
        env,
        logging,
        tracing,
        create ? List.of() : base.layers(), // the control plane resolves new Layers
        snapStart,
        kmsKeyArn(s.kmsKeyArn(), create ? null : base.kmsKeyArn()),
        deadLetter(s.deadLetterConfig(), create ? null : base.deadLetterTargetArn()));
  }

  static final String KMS_KEY_ARN_PATTERN = "(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()";
  private static final java.util.regex.Pattern KMS_KEY_ARN =
      java.util.regex.Pattern.compile(KMS_KEY_ARN_PATTERN);

  /**
   * {@code KMSKeyArn}: AWS's pattern; an empty string removes the key; absent keeps {@code base}.
   */
  static String kmsKeyArn(String value, String base) {
    if (value == null) {
      return base;
    }
    if (!KMS_KEY_ARN.matcher(value).matches()) {
      throw LambdaException.validation(
          value,
          "kMSKeyArn",
          "Member must satisfy regular expression pattern: " + KMS_KEY_ARN_PATTERN);
    }
    return value.isEmpty() ? null : value;
  }

  private static final java.util.regex.Pattern DEAD_LETTER =
      java.util.regex.Pattern.compile(
          "arn:aws[a-zA-Z-]*:(sqs|sns):[a-z0-9-]+:\\d{12}:[a-zA-Z0-9-_.]+");

  /**
   * {@code DeadLetterConfig.TargetArn}: an SQS queue's or SNS topic's ARN; an empty one removes it;
   * absent keeps {@code base}.
   */
  static String deadLetter(dev.outlet.api.model.DeadLetterConfig config, String base) {
    if (config == null || config.targetArn() == null) {
      return base;
    }
    String arn = config.targetArn();
    if (arn.isEmpty()) {
      return null;
    }
    if (!DEAD_LETTER.matcher(arn).matches()) {
      throw LambdaException.invalidParameter(
          "The provided target arn " + arn + " is not a valid SQS queue or SNS topic.");
    }
    return arn;
  }

  private static final java.util.regex.Pattern LAYER_VERSION_ARN =
      java.util.regex.Pattern.compile(
          "arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+");

  /** {@code Layers}: at most 5 layer version ARNs, AWS's pattern. */
  static List<String> layerArns(List<String> arns) {
    if (arns.size() > 5) {
      throw LambdaException.invalidParameter("Cannot reference more than 5 layers.");
    }
    for (String arn : arns) {
      if (arn == null || arn.length() > 140 || !LAYER_VERSION_ARN.matcher(arn).matches()) {
        throw LambdaException.validation(
            String.valueOf(arn),
            "layers",
            "Member must satisfy constraint: [Member must have length less than or equal to 140,"
                + " Member must have length greater than or equal to 1, Member must satisfy"
                + " regular expression pattern: "
                + LAYER_VERSION_ARN.pattern()
                + "]");
      }
    }
    return arns;
  }

  /** {@code TracingConfig.Mode}, or {@code fallback} when it is absent. */
  static TracingMode tracing(TracingConfig config, TracingMode fallback) {
    if (config == null || config.mode() == null) {
      return fallback;
    }
    return TracingMode.fromWire(config.mode())
        .orElseThrow(
            () ->
                LambdaException.validation(
                    config.mode(),
                    "tracingConfig.mode",
                    "Member must satisfy enum value set: " + TRACING_MODES));
  }

  /** Architectures, or {@code fallback} when absent. */
  static Architecture architecture(List<String> architectures, Architecture fallback) {
    if (architectures == null) {
      return fallback;
    }
    if (architectures.size() > 1) {
      throw LambdaException.validation(
          architectures.toString(),
          "architectures",
          "Member must have length less than or equal to 1");
    }
    String name = architectures.isEmpty() ? "" : architectures.getFirst();
    return Architecture.fromWire(name)
        .orElseThrow(
            () ->
                LambdaException.validation(
                    "[" + name + "]",
                    "architectures",
                    "[Member must satisfy enum value set: [x86_64, arm64], Member must not be null]"));
  }

  private static final List<String> PACKAGE_TYPES = List.of("Zip", "Image");

  /** Whether a CreateFunction request's {@code PackageType} is {@code Image} (default Zip). */
  static boolean packageImage(CreateFunctionRequest request) {
    String type = request.packageType();
    if (type != null && !PACKAGE_TYPES.contains(type)) {
      throw LambdaException.validation(
          type, "packageType", "Member must satisfy enum value set: " + PACKAGE_TYPES);
    }
    return "Image".equals(type);
  }

  /**
   * The {@code ImageUri} of a container-image function's create ({@code creating}) or update-code
   * request.
   */
  static String imageUri(FunctionCode code, boolean creating) {
    if (code == null) {
      throw LambdaException.validation("null", "code", "Member must not be null");
    }
    if (code.imageUri() == null
        || code.zipFile() != null
        || code.s3Bucket() != null
        || code.s3Key() != null) {
      throw LambdaException.invalidParameter(
          creating
              ? "Please provide ImageUri when the intended function PackageType is Image."
              : "Please provide ImageUri when updating a function with packageType Image.");
    }
    String uri = code.imageUri();
    if (uri.length() > 1024 || uri.isBlank()) {
      throw LambdaException.invalidParameter(
          "Source image " + uri + " is not valid. Provide a valid source image.");
    }
    return uri;
  }

  /** The function's ImageConfig, AWS's limits checked; null members are not set. */
  static dev.outlet.core.ImageSettings imageSettings(dev.outlet.api.model.ImageConfig config) {
    if (config == null) {
      return dev.outlet.core.ImageSettings.NONE;
    }
    if (config.entryPoint() != null && config.entryPoint().size() > 1500) {
      throw LambdaException.validation(
          config.entryPoint().toString(),
          "imageConfig.entryPoint",
          "Member must have length less than or equal to 1500");
    }
    if (config.command() != null && config.command().size() > 1500) {
      throw LambdaException.validation(
          config.command().toString(),
          "imageConfig.command",
          "Member must have length less than or equal to 1500");
    }
    String dir = config.workingDirectory();
    if (dir != null && dir.length() > 1000) {
      throw LambdaException.validation(
          dir,
          "imageConfig.workingDirectory",
          "Member must have length less than or equal to 1000");
    }
    return new dev.outlet.core.ImageSettings(
        config.entryPoint(), config.command(), dir == null || dir.isEmpty() ? null : dir);
  }

  /** The zip of a Code member (create) or of an update-code body, checked for what Outlet takes. */
  static byte[] zipFile(FunctionCode code) {
    if (code == null) {
      throw LambdaException.validation("null", "code", "Member must not be null");
    }
    if (code.s3Bucket() != null || code.s3Key() != null) {
      throw LambdaException.invalidParameter(
          "Outlet has no S3: upload the package itself (aws lambda ... --zip-file fileb://function.zip).");
    }
    if (code.imageUri() != null) {
      throw LambdaException.invalidParameter(
          "Please don't provide ImageUri when the intended function PackageType is Zip.");
    }
    byte[] zip = code.zipFile();
    if (zip == null) {
      throw LambdaException.invalidParameter(
          "Please provide a source for function code: ZipFile (aws lambda ... --zip-file fileb://function.zip).");
    }
    if (zip.length > Limits.ZIPPED_CODE) {
      throw LambdaException.tooLarge("Zipped size must be smaller than 52428800 bytes");
    }
    return zip;
  }

  /** ReservedConcurrentExecutions of PutFunctionConcurrency: required. */
  static int reservedConcurrency(Integer value) {
    if (value == null) {
      throw LambdaException.validation(
          "null", "reservedConcurrentExecutions", "Member must not be null");
    }
    return value;
  }

  private static int range(Integer value, String member, int min, int max, int fallback) {
    if (value == null) {
      return fallback;
    }
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
