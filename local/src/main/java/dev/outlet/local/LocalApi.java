package dev.outlet.local;

import dev.outlet.core.FileTrees;
import dev.outlet.local.deploy.AwsHttp;
import dev.outlet.local.deploy.DeployException;
import dev.outlet.local.deploy.Deployer;
import dev.outlet.local.deploy.Watcher;
import dev.outlet.local.sam.SamFunction;
import dev.outlet.local.sam.SamTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code local start-api}'s engine: an in-process Outlet on loopback over a temporary data folder,
 * the template deployed into it with {@link Deployer} (so routes are served by Outlet's own HTTP
 * gateway, with no routing code here), optionally a {@link Watcher}. {@link #close} stops all and
 * removes the folder.
 */
public final class LocalApi implements AutoCloseable {
  private final Path data;
  private final EmbeddedOutlet outlet;
  private final Deployer.Outcome outcome;
  private final Watcher watcher;

  private LocalApi(Path data, EmbeddedOutlet outlet, Deployer.Outcome outcome, Watcher watcher) {
    this.data = data;
    this.outlet = outlet;
    this.outcome = outcome;
    this.watcher = watcher;
  }

  /**
   * @param debugPort a debugger port, or null
   */
  public static LocalApi start(
      EmbeddedOutlet.Starter starter,
      SamTemplate template,
      int port,
      boolean watch,
      Integer debugPort,
      String region,
      PrintWriter out,
      PrintWriter err)
      throws IOException, DeployException {
    SamTemplate t = debugPort == null ? template : debug(template, debugPort);
    Path data = Files.createTempDirectory("outlet-start-api-");
    EmbeddedOutlet outlet;
    try {
      outlet = starter.start(port, data);
    } catch (IOException | RuntimeException e) {
      FileTrees.deleteQuietly(data);
      throw e;
    }
    try {
      Deployer deployer = new Deployer(new AwsHttp(outlet.endpoint(), region), out, err, false);
      Deployer.Outcome outcome = deployer.deploy(t);
      Watcher watcher = null;
      if (watch) {
        watcher = new Watcher(t.functions(), deployer, out, err);
        watcher.start();
      }
      return new LocalApi(data, outlet, outcome, watcher);
    } catch (DeployException | RuntimeException e) {
      outlet.close();
      FileTrees.deleteQuietly(data);
      throw e;
    }
  }

  /** Debugging: one sandbox per function, a 15-minute deadline, the port in the environment. */
  static SamTemplate debug(SamTemplate t, int port) {
    List<SamFunction> fns = new ArrayList<>();
    for (SamFunction f : t.functions()) {
      Map<String, String> env = new LinkedHashMap<>(f.environment());
      env.put("OUTLET_DEBUG_PORT", Integer.toString(port));
      env.putIfAbsent(
          "JAVA_TOOL_OPTIONS",
          "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port);
      fns.add(
          new SamFunction(
              f.logicalId(),
              f.name(),
              f.codeUri(),
              f.handler(),
              f.runtime(),
              f.architecture(),
              f.memorySize(),
              900,
              f.description(),
              env,
              1,
              f.events(),
              f.deadLetterTarget(),
              f.invokeConfig(),
              f.image()));
    }
    return new SamTemplate(t.stackName(), t.file(), fns, t.httpApis(), t.queues(), t.warnings());
  }

  public String endpoint() {
    return outlet.endpoint();
  }

  /** The temporary data folder, removed by {@link #close}. */
  public Path dataDir() {
    return data;
  }

  public Deployer.Outcome outcome() {
    return outcome;
  }

  /** {@code GET http://<api-id>.execute-api.localhost:PORT/path} per route. */
  public List<String> urls() {
    List<String> out = new ArrayList<>();
    for (Deployer.Route r : outcome.routes()) {
      String key = r.routeKey();
      String method = key.equals("$default") ? "ANY" : key.substring(0, key.indexOf(' '));
      String path = key.equals("$default") ? "/" : key.substring(key.indexOf(' ') + 1);
      out.add(
          method
              + " http://"
              + r.apiId()
              + ".execute-api.localhost:"
              + outlet.port()
              + path
              + (key.equals("$default") ? " (any path: $default route)" : ""));
    }
    return out;
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
    outlet.close();
    FileTrees.deleteQuietly(data);
  }
}
