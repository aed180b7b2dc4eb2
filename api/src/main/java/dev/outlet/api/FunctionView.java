package dev.outlet.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.core.Account;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.LoggingConfig;
import dev.outlet.core.RuntimeVersions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Renders FunctionConfiguration and GetFunction bodies with AWS's field names and order
 * (lambda-contract.md §2.3). Pure.
 */
final class FunctionView {
  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private FunctionView() {}

  /**
   * @param full false for ListFunctions items, which omit State, LastUpdateStatus and
   *     RuntimeVersionConfig
   */
  static ObjectNode configuration(Deployed d, Account account, boolean full) {
    FunctionRecord r = d.record();
    FunctionConfig c = r.config();
    ObjectNode n = FunctionRequests.MAPPER.createObjectNode();
    n.putArray("Architectures").add(c.architecture().wireName());
    n.put("CodeSha256", r.code().sha256Base64());
    n.put("CodeSize", r.code().size());
    n.put("Description", c.description());
    if (c.environment() != null) {
      ObjectNode vars = n.putObject("Environment").putObject("Variables");
      for (Map.Entry<String, String> e : c.environment().entrySet()) {
        vars.put(e.getKey(), e.getValue());
      }
    }
    n.putObject("EphemeralStorage").put("Size", c.ephemeralStorage());
    n.put("FunctionArn", account.functionArn(r.name()));
    n.put("FunctionName", r.name());
    if (c.handler() != null) {
      n.put("Handler", c.handler());
    }
    n.put("LastModified", LAST_MODIFIED.format(r.lastModified()));
    if (full) {
      n.put("LastUpdateStatus", "Successful");
    }
    LoggingConfig l = c.logging();
    ObjectNode logging = n.putObject("LoggingConfig");
    if (l.applicationLogLevel() != null) {
      logging.put("ApplicationLogLevel", l.applicationLogLevel());
    }
    logging.put("LogFormat", l.logFormat());
    logging.put("LogGroup", l.group(r.name()));
    if (l.systemLogLevel() != null) {
      logging.put("SystemLogLevel", l.systemLogLevel());
    }
    n.put("MemorySize", c.memorySize());
    n.put("PackageType", "Zip");
    n.put("RevisionId", r.revisionId());
    n.put("Role", c.role());
    n.put("Runtime", c.runtime());
    if (full) {
      n.putObject("RuntimeVersionConfig")
          .put(
              "RuntimeVersionArn",
              RuntimeVersions.arn(account.region(), d.spec().launch().runtimeVersion()));
    }
    ObjectNode snap = n.putObject("SnapStart");
    snap.put("ApplyOn", "None");
    snap.put("OptimizationStatus", "Off");
    if (full) {
      n.put("State", "Active");
    }
    n.put("Timeout", c.timeout());
    n.putObject("TracingConfig").put("Mode", "PassThrough");
    n.put("Version", "$LATEST");
    return n;
  }

  /** GetFunction: Configuration, Code (a URL on Outlet serving the zip) and Concurrency. */
  static ObjectNode function(Deployed d, Account account, String baseUrl) {
    FunctionRecord r = d.record();
    ObjectNode n = FunctionRequests.MAPPER.createObjectNode();
    n.set("Configuration", configuration(d, account, true));
    ObjectNode code = n.putObject("Code");
    code.put("RepositoryType", "S3");
    code.put("Location", baseUrl + "/_outlet/code/" + r.code().sha256Hex() + ".zip");
    r.reserved().ifPresent(v -> n.putObject("Concurrency").put("ReservedConcurrentExecutions", v));
    return n;
  }
}
