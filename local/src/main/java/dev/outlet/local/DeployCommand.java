package dev.outlet.local;

import dev.outlet.local.deploy.AwsHttp;
import dev.outlet.local.deploy.DeployException;
import dev.outlet.local.deploy.Deployer;
import dev.outlet.local.deploy.Watcher;
import dev.outlet.local.sam.SamTemplate;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code outlet deploy}: a SAM template onto a running Outlet. */
@Command(
    name = "deploy",
    description = {
      "Creates or updates a SAM template's functions, HTTP routes, schedules, EventBridge rules,"
          + " SQS queues and SQS event source mappings on a running Outlet. Shows the plan; a"
          + " second run with nothing changed changes nothing.",
      "Exit status: 0 deployed (or nothing to do), 1 the server refused or cannot be reached,"
          + " 2 a template Outlet cannot use."
    },
    mixinStandardHelpOptions = true)
public final class DeployCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--endpoint",
      defaultValue = "http://127.0.0.1:9070",
      description = "Outlet's endpoint (default ${DEFAULT-VALUE})")
  String endpoint;

  @Mixin StackOptions stack;

  @Option(
      names = "--watch",
      description = "Keep running: upload a function's code when its CodeUri changes")
  boolean watch;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    stack.queueEndpoint = endpoint;
    SamTemplate t = stack.readOrReport(err);
    if (t == null) {
      return 2;
    }
    Deployer deployer =
        new Deployer(new AwsHttp(endpoint, stack.region), out, err, Terminal.interactive());
    try {
      deployer.deploy(t);
    } catch (DeployException e) {
      err.println("Error: " + e.getMessage());
      err.flush();
      return 1;
    }
    if (!watch) {
      return 0;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Watcher watcher = new Watcher(t.functions(), deployer, out, err);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  watcher.close();
                  stop.countDown();
                }));
    out.println(
        "Watching " + t.functions().size() + " function(s) for code changes (Ctrl-C to stop)");
    out.flush();
    watcher.start();
    stop.await();
    return 0;
  }
}
