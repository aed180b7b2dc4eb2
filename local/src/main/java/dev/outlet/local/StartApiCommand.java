package dev.outlet.local;

import dev.outlet.local.deploy.DeployException;
import dev.outlet.local.sam.SamTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code outlet local start-api}: the template's routes served by an Outlet in this process. */
@Command(
    name = "start-api",
    description = {
      "Starts Outlet on loopback with a temporary data folder, deploys the template into it and"
          + " prints its routes' URLs. Requests are served concurrently. Ctrl-C stops it and"
          + " removes the folder."
    },
    mixinStandardHelpOptions = true)
public final class StartApiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand LocalCommand parent;

  @Option(names = "--port", defaultValue = "3000", description = "Default: ${DEFAULT-VALUE}")
  int port;

  @Mixin StackOptions stack;

  @Option(names = "--watch", description = "Reload a function when its CodeUri changes")
  boolean watch;

  @Option(
      names = "--debug-port",
      paramLabel = "N",
      description = "One sandbox per function, 15-minute deadline, OUTLET_DEBUG_PORT=N, JDWP on N")
  Integer debugPort;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SamTemplate t = stack.readOrReport(err);
    if (t == null) {
      return 2;
    }
    LocalApi api;
    try {
      api = LocalApi.start(parent.starter(), t, port, watch, debugPort, stack.region, out, err);
    } catch (IOException | DeployException e) {
      err.println("Error: " + e.getMessage());
      err.flush();
      return 1;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  api.close();
                  stop.countDown();
                }));
    out.println("Outlet is serving stack " + t.stackName() + " at " + api.endpoint());
    api.urls().forEach(u -> out.println("  " + u));
    if (!api.outcome().routesServed()) {
      out.println(
          "  (no HTTP routes: invoke with aws lambda invoke --endpoint-url "
              + api.endpoint()
              + ")");
    }
    if (watch) {
      out.println("Watching code for changes.");
    }
    out.println("Ctrl-C to stop.");
    out.flush();
    stop.await();
    return 0;
  }
}
