package dev.outlet.api;

import dev.outlet.api.model.Concurrency;
import dev.outlet.api.model.Environment;
import dev.outlet.api.model.EphemeralStorage;
import dev.outlet.api.model.FunctionCodeLocation;
import dev.outlet.api.model.FunctionConfiguration;
import dev.outlet.api.model.GetFunctionResponse;
import dev.outlet.api.model.RuntimeVersionConfig;
import dev.outlet.api.model.SnapStartResponse;
import dev.outlet.api.model.TracingConfig;
import dev.outlet.core.Account;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.LoggingConfig;
import dev.outlet.core.RuntimeVersions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders a function as the FunctionConfiguration and GetFunction records (lambda-contract.md
 * §2.3); the records fix AWS's member names and order. Pure.
 */
final class FunctionView {
  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  /** Which status members a FunctionConfiguration carries, by where it is answered. */
  enum Detail {
    /** A ListFunctions item: no State, LastUpdateStatus or RuntimeVersionConfig. */
    LISTED,
    /** The reads: Active, last update Successful. */
    FULL,
    /**
     * CreateFunction's answer: Pending while "being created", as AWS's is (here it is Active by the
     * time the answer is read), with no last update.
     */
    CREATING,
    /**
     * The updates' answer: the update shown in progress, as AWS's is (here it completes at once).
     */
    UPDATING
  }

  private FunctionView() {}

  static FunctionConfiguration configuration(Deployed d, Account account, Detail detail) {
    return configuration(d, account, detail, null);
  }

  /**
   * @param qualifier how the caller addressed the function ({@code $LATEST}, a version, an alias),
   *     which qualifies FunctionArn; null for the unqualified ARN
   */
  static FunctionConfiguration configuration(
      Deployed d, Account account, Detail detail, String qualifier) {
    FunctionRecord r = d.record();
    FunctionConfig c = r.config();
    LoggingConfig l = c.logging();
    boolean full = detail != Detail.LISTED;
    boolean updating = detail == Detail.UPDATING;
    boolean creating = detail == Detail.CREATING;
    dev.outlet.core.ImageCode image = r.code().image();
    return new FunctionConfiguration(
        List.of(c.architecture().wireName()),
        r.code().sha256Base64(),
        r.code().size(),
        c.deadLetterTargetArn() == null
            ? null
            : new dev.outlet.api.model.DeadLetterConfig(c.deadLetterTargetArn()),
        c.description(),
        c.environment() == null ? null : new Environment(c.environment()),
        new EphemeralStorage(c.ephemeralStorage()),
        account.functionArn(r.name()) + (qualifier == null ? "" : ":" + qualifier),
        r.name(),
        c.handler(),
        image == null || image.settings().empty() || !full ? null : imageConfig(image.settings()),
        c.kmsKeyArn(),
        LAST_MODIFIED.format(r.lastModified()),
        updating ? "InProgress" : full && !creating ? "Successful" : null,
        updating ? "The function is being created." : null,
        updating ? "Creating" : null,
        c.layers().isEmpty()
            ? null
            : c.layers().stream()
                .map(x -> new FunctionConfiguration.Layer(x.arn(), x.code().size()))
                .toList(),
        new dev.outlet.api.model.LoggingConfig(
            l.applicationLogLevel(), l.logFormat(), l.group(r.name()), l.systemLogLevel()),
        c.memorySize(),
        image == null ? "Zip" : "Image",
        r.revisionId(),
        c.role(),
        c.runtime(),
        full && image == null
            ? new RuntimeVersionConfig(
                RuntimeVersions.arn(account.region(), d.spec().launch().runtimeVersion()))
            : null,
        SnapStartResponse.of(c.snapStart().wireName(), !"$LATEST".equals(d.spec().version())),
        creating ? "Pending" : full ? "Active" : null,
        creating ? "The function is being created." : null,
        creating ? "Creating" : null,
        c.timeout(),
        new TracingConfig(c.tracing().wireName()),
        d.spec().version());
  }

  /**
   * GetFunction: Configuration, Code (a link on Outlet serving the zip, {@link CodeLinks}) and
   * Concurrency.
   */
  static GetFunctionResponse function(Deployed d, Account account, CodeLinks links) {
    return function(d, account, links, null, java.util.Map.of());
  }

  /** GetFunction as the caller addressed it ({@code qualifier} as in {@link #configuration}). */
  static GetFunctionResponse function(
      Deployed d,
      Account account,
      CodeLinks links,
      String qualifier,
      java.util.Map<String, String> tags) {
    FunctionRecord r = d.record();
    dev.outlet.core.ImageCode image = r.code().image();
    return new GetFunctionResponse(
        configuration(d, account, Detail.FULL, qualifier),
        image == null
            ? new FunctionCodeLocation("S3", links.link(r.code().sha256Hex()))
            : new FunctionCodeLocation("ECR", null, image.imageUri(), image.resolvedImageUri()),
        tags.isEmpty() ? null : tags,
        r.reserved().isPresent() ? new Concurrency(r.reserved().getAsInt()) : null);
  }

  private static dev.outlet.api.model.ImageConfigResponse imageConfig(
      dev.outlet.core.ImageSettings s) {
    return new dev.outlet.api.model.ImageConfigResponse(
        new dev.outlet.api.model.ImageConfig(s.entryPoint(), s.command(), s.workingDirectory()));
  }
}
