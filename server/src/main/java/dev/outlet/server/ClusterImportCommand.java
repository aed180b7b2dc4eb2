package dev.outlet.server;

import dev.outlet.postgres.PostgresUrl;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code outlet cluster import}: one machine's data folder, copied into a cluster's store. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Copy what one Outlet's data folder holds (functions, versions, aliases, code, layers,"
            + " settings, EventBridge rules, HTTP APIs, Function URLs, queues and mappings,"
            + " identities, the container registry) into a cluster's PostgreSQL store. Run it"
            + " with that Outlet stopped and no node of the cluster serving; run again, it adds"
            + " only what is missing.")
final class ClusterImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--store",
      required = true,
      paramLabel = "URL",
      description = "The cluster's database, as given to outlet serve --store.")
  String store;

  @Option(
      names = "--blob-dir",
      description = "The nodes' shared blob folder, if they run with --blob-dir.")
  Path blobDir;

  @Option(
      names = "--data-dir",
      description = "The data folder to import (default: ~/.local/share/outlet).")
  Path dataDir;

  @Option(
      names = "--region",
      defaultValue = ServerConfig.DEFAULT_REGION,
      description =
          "The default region of the Outlet that kept the folder, as given to its serve"
              + " (default: ${DEFAULT-VALUE}); its other regions are under regions/.")
  String region;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PostgresUrl url = ClusterCommand.storeUrl(store, err);
    if (url == null) {
      return 2;
    }
    if (!Regions.isName(region)) {
      err.println("outlet: --region: '" + region + "' is not a region name (e.g. us-east-1)");
      err.flush();
      return 2;
    }
    Path data = dataDir != null ? dataDir : ServerConfig.defaultDataDir();
    try {
      new ClusterImport(url, blobDir, out).run(data, region);
      out.println("imported " + data + "; start the nodes with --store " + url);
      out.flush();
      return 0;
    } catch (ClusterImport.Refused e) {
      err.println("outlet: " + e.getMessage());
      err.flush();
      return 1;
    } catch (IOException | RuntimeException e) {
      err.println(
          "outlet: the import stopped: "
              + e.getMessage()
              + "\nwhat was copied stays; run the import again to copy the rest");
      err.flush();
      return 1;
    }
  }
}
