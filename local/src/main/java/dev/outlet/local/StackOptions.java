package dev.outlet.local;

import dev.outlet.local.sam.SamReader;
import dev.outlet.local.sam.SamTemplate;
import dev.outlet.local.sam.TemplateException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The template options of {@code deploy} and {@code local start-api} (a picocli mixin), and the
 * reading of that template (or of the one found in the working folder) with its warnings printed.
 */
final class StackOptions {
  @Option(names = "--template", paramLabel = "FILE", description = "Default: ./template.yaml")
  Path template;

  @Option(names = "--stack-name", description = "Default: the template's folder name")
  String stackName;

  @Option(names = "--parameter-overrides", paramLabel = "KEY=VALUE")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--region", defaultValue = "us-east-1", description = "Default: ${DEFAULT-VALUE}")
  String region;

  /** What queue URLs ({@code !Ref Queue}) start with: the endpoint deployed to, else AWS's. */
  String queueEndpoint;

  /**
   * Reads the template, or says why it cannot ("Error: ..." on {@code err}) and returns null: the
   * command then exits with status 2.
   */
  SamTemplate readOrReport(PrintWriter err) {
    try {
      return read(err);
    } catch (UsageException e) {
      err.println("Error: " + e.getMessage());
      err.flush();
      return null;
    }
  }

  /** Reads the template; its warnings go to {@code err}. */
  SamTemplate read(PrintWriter err) throws UsageException {
    try {
      Path file = template != null ? template : SamReader.find(Path.of("."));
      SamReader reader =
          queueEndpoint == null
              ? new SamReader(region, "000000000000")
              : new SamReader(region, "000000000000", queueEndpoint);
      SamTemplate t = reader.read(file, stackName, EnvFiles.pairs(overrides));
      t.warnings().forEach(w -> err.println("Warning: " + w));
      err.flush();
      return t;
    } catch (TemplateException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
