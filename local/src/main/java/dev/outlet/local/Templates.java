package dev.outlet.local;

import dev.outlet.local.sam.SamReader;
import dev.outlet.local.sam.SamTemplate;
import dev.outlet.local.sam.TemplateException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Reads the template a command names (or finds one in the working folder) and prints warnings. */
final class Templates {
  private Templates() {}

  static SamTemplate read(
      Path template, String stackName, List<String> overrides, String region, PrintWriter err)
      throws UsageException {
    try {
      Path file = template != null ? template : SamReader.find(Path.of("."));
      SamTemplate t =
          new SamReader(region, "000000000000").read(file, stackName, EnvFiles.pairs(overrides));
      t.warnings().forEach(w -> err.println("Warning: " + w));
      err.flush();
      return t;
    } catch (TemplateException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
