package dev.outlet.server;

import dev.outlet.edge.ClientTimeouts;
import dev.outlet.sandbox.Protections;
import dev.outlet.sandbox.SandboxNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Outlet's settings, with the documented defaults.
 *
 * @param keepWarm how long an idle sandbox is kept before it is reclaimed
 * @param accountConcurrency the account's concurrent-execution limit (AWS's default: 1000)
 * @param eventRetryDelays waits before the retries of a failed Event invocation
 * @param isolation whether to isolate sandboxes with what the host offers (else plain processes)
 * @param bwrap where bubblewrap is * @param runtimes interpreters the operator names for managed
 *     runtimes, by runtime id ({@code serve --runtime python3.12=/usr/bin/python3.11})
 * @param startupCaches whether Java functions get a class-data cache made from their first init
 * @param auth who may call Outlet: anyone ({@code open}) or signed requests only ({@code iam})
 * @param clientTimeouts how long a client of the HTTP and HTTPS ports may take over a request head
 *     and stay connected with no request ({@link ClientTimeouts#API})
 * @param sandboxNetwork each sandbox's network: its own with egress, its own without, or the host's
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String region,
    String accountId,
    Duration keepWarm,
    int accountConcurrency,
    List<Duration> eventRetryDelays,
    boolean isolation,
    Path bwrap,
    Map<String, Path> runtimes,
    boolean startupCaches,
    AuthMode auth,
    ClientTimeouts clientTimeouts,
    SandboxNetwork.Mode sandboxNetwork,
    ClusterStore cluster) {

  /** The data directory is made absolute: sandboxes start in other working directories. */
  public ServerConfig {
    dataDir = dataDir.toAbsolutePath().normalize();
    runtimes = Map.copyOf(runtimes);
  }

  public static final int DEFAULT_PORT = 9070;
  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_ACCOUNT = "000000000000";
  public static final Duration DEFAULT_KEEP_WARM = Duration.ofMinutes(5);

  /** {@code $XDG_DATA_HOME/outlet}, else {@code ~/.local/share/outlet}. */
  public static Path defaultDataDir() {
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("outlet");
  }

  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(
        "127.0.0.1",
        DEFAULT_PORT,
        dataDir,
        DEFAULT_REGION,
        DEFAULT_ACCOUNT,
        DEFAULT_KEEP_WARM,
        1000,
        List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)),
        true,
        Protections.DEFAULT_BWRAP,
        Map.of(),
        true,
        AuthMode.OPEN,
        ClientTimeouts.API,
        SandboxNetwork.Mode.EGRESS,
        null);
  }

  public ServerConfig withPort(int value) {
    return edit(b -> b.port = value);
  }

  /** Plain processes when {@code on} is false; bubblewrap looked for at {@code path}. */
  public ServerConfig withIsolation(boolean on, Path path) {
    return edit(
        b -> {
          b.isolation = on;
          b.bwrap = path;
        });
  }

  /** Managed runtimes served by the interpreters named (runtime id to executable). */
  public ServerConfig withRuntimes(Map<String, Path> value) {
    return edit(b -> b.runtimes = value);
  }

  /**
   * With or without class-data caches for Java functions (without, each cold start loads every
   * class).
   */
  public ServerConfig withStartupCaches(boolean value) {
    return edit(b -> b.startupCaches = value);
  }

  /** Requests verified ({@link AuthMode#IAM}) or not ({@link AuthMode#OPEN}). */
  public ServerConfig withAuth(AuthMode value) {
    return edit(b -> b.auth = value);
  }

  /** With other limits on slow and idle clients (tests use seconds). */
  public ServerConfig withClientTimeouts(ClientTimeouts value) {
    return edit(b -> b.clientTimeouts = value);
  }

  /** Other waits before the retries of failed Event invocations (tests use milliseconds). */
  public ServerConfig withEventRetryDelays(List<Duration> value) {
    return edit(b -> b.eventRetryDelays = List.copyOf(value));
  }

  /** Sandboxes on networks of their own with egress, without, or on the host's. */
  public ServerConfig withSandboxNetwork(SandboxNetwork.Mode value) {
    return edit(b -> b.sandboxNetwork = value);
  }

  /** A node of the cluster sharing {@code value}'s database (null: one machine, its own files). */
  public ServerConfig withCluster(ClusterStore value) {
    return edit(b -> b.cluster = value);
  }

  /** A copy with what {@code change} sets changed: the one place every component is listed. */
  private ServerConfig edit(java.util.function.Consumer<Copy> change) {
    Copy b = new Copy(this);
    change.accept(b);
    return b.build();
  }

  /** A mutable copy of a configuration, for {@link #edit}. */
  private static final class Copy {
    private String host;
    private int port;
    private Path dataDir;
    private String region;
    private String accountId;
    private Duration keepWarm;
    private int accountConcurrency;
    private List<Duration> eventRetryDelays;
    private boolean isolation;
    private Path bwrap;
    private Map<String, Path> runtimes;
    private boolean startupCaches;
    private AuthMode auth;
    private ClientTimeouts clientTimeouts;
    private SandboxNetwork.Mode sandboxNetwork;
    private ClusterStore cluster;

    Copy(ServerConfig c) {
      host = c.host;
      port = c.port;
      dataDir = c.dataDir;
      region = c.region;
      accountId = c.accountId;
      keepWarm = c.keepWarm;
      accountConcurrency = c.accountConcurrency;
      eventRetryDelays = c.eventRetryDelays;
      isolation = c.isolation;
      bwrap = c.bwrap;
      runtimes = c.runtimes;
      startupCaches = c.startupCaches;
      auth = c.auth;
      clientTimeouts = c.clientTimeouts;
      sandboxNetwork = c.sandboxNetwork;
      cluster = c.cluster;
    }

    ServerConfig build() {
      return new ServerConfig(
          host,
          port,
          dataDir,
          region,
          accountId,
          keepWarm,
          accountConcurrency,
          eventRetryDelays,
          isolation,
          bwrap,
          runtimes,
          startupCaches,
          auth,
          clientTimeouts,
          sandboxNetwork,
          cluster);
    }
  }
}
