package dev.outlet.server;

import dev.outlet.sandbox.SandboxNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code outlet serve}: starts the Lambda API and stays in the foreground until SIGTERM/SIGINT. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Start Outlet's Lambda API (control plane and Invoke) on one port.")
final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "" + ServerConfig.DEFAULT_PORT,
      description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only).")
  String host;

  @Option(
      names = "--data-dir",
      description = "Where functions, code and logs are kept (default: ~/.local/share/outlet).")
  Path dataDir;

  @Option(
      names = "--region",
      defaultValue = ServerConfig.DEFAULT_REGION,
      description =
          "Default region (default: ${DEFAULT-VALUE}): unsigned requests act in it; a signed"
              + " request acts in its own region, each region a namespace of its own.")
  String region;

  @Option(
      names = "--account-id",
      defaultValue = ServerConfig.DEFAULT_ACCOUNT,
      description = "Account id in ARNs (default: ${DEFAULT-VALUE}).")
  String accountId;

  @Option(
      names = "--keep-warm",
      defaultValue = "PT5M",
      description = "How long an idle sandbox stays warm, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration keepWarm;

  @Option(
      names = "--concurrency",
      defaultValue = "1000",
      description = "Account concurrency limit (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--bwrap",
      defaultValue = "/usr/bin/bwrap",
      description = "bubblewrap executable used to isolate sandboxes (default: ${DEFAULT-VALUE}).")
  Path bwrap;

  @Option(
      names = "--no-isolation",
      description = "Run functions as plain processes even where namespaces and cgroups work.")
  boolean noIsolation;

  @Option(
      names = "--sandbox-network",
      defaultValue = "egress",
      description =
          "Each sandbox's network: 'egress' (default; a network of its own, reaching other hosts"
              + " but not this host's loopback, other sandboxes or their Runtime APIs), 'none'"
              + " (its own, with only its Runtime API and Outlet's API) or 'host' (the host's"
              + " network, shared with every sandbox).")
  String sandboxNetwork;

  @Option(
      names = "--https-port",
      description =
          "Port of the HTTPS listener (HTTP/1.1 and HTTP/2) serving the same endpoints"
              + " (default: "
              + HttpsSettings.DEFAULT_PORT
              + ", or a free one when --port is 0; 0 picks a free one; 'off' disables HTTPS).")
  String httpsPort;

  @Option(
      names = "--tls-cert",
      description =
          "PEM certificate (chain) for HTTPS (default: a self-signed one generated in"
              + " <data-dir>/tls on first start).")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM private key for --tls-cert.")
  Path tlsKey;

  @Option(
      names = "--runtime",
      paramLabel = "ID=PATH",
      description =
          "Serve a managed runtime with this interpreter, e.g. --runtime"
              + " python3.12=/usr/bin/python3.11 (repeatable; said in each cold start's log).")
  java.util.Map<String, Path> runtimes = new java.util.LinkedHashMap<>();

  @Option(
      names = "--no-startup-cache",
      description =
          "Do not make class-data caches for Java functions (made once per code version from its"
              + " first init, in DATA/caches; they cut a JVM's cold start by half or more).")
  boolean noStartupCache;

  @Option(
      names = "--auth",
      defaultValue = "open",
      description =
          "Who may call Outlet: 'open' (default; any request, for one user on a loopback address)"
              + " or 'iam' (every request signed with an access key; the first start prints an"
              + " administrator's key; manage keys with 'outlet credentials').")
  String auth;

  @Option(
      names = "--insecure-open",
      description =
          "Allow --auth open on an address other than loopback: anyone who can reach the port can"
              + " then deploy and run code.")
  boolean insecureOpen;

  @Option(
      names = "--store",
      paramLabel = "URL",
      description =
          "Keep functions, versions, aliases, their code and settings in this PostgreSQL"
              + " database, postgresql://user[:password]@host[:port]/database, shared by every"
              + " Outlet started with it: they form one cluster (default: this machine's files in"
              + " the data folder). See docs/cluster.md for what is shared so far.")
  String store;

  @Option(
      names = "--blob-dir",
      description =
          "With --store: keep code packages in this folder, which every node mounts (e.g. NFS),"
              + " instead of in the database.")
  Path blobDir;

  @Option(
      names = "--peer-port",
      paramLabel = "PORT",
      description =
          "With --store: the port other nodes forward invocations to, signed with the cluster's"
              + " secret (default: "
              + ClusterStore.DEFAULT_PEER_PORT
              + ", or any free port when --port is 0).")
  Integer peerPort;

  @Option(
      names = "--advertise",
      paramLabel = "HOST",
      description =
          "With --store: the host name or address other nodes reach this one by (default: --host,"
              + " or this machine's address when --host listens on every interface).")
  String advertise;

  @Option(
      names = "--unused-blob-grace",
      paramLabel = "SECONDS",
      description =
          "With --store: how long a shared package or image layer that no function, version,"
              + " layer or repository uses any more is kept after it was last stored, before one"
              + " node removes it (default: 3600).")
  Long unusedBlobGrace;

  /** What the options make: a server's settings, or why they cannot run. */
  sealed interface Settings {
    record Valid(ServerConfig config, HttpsSettings https) implements Settings {}

    record Refused(String message) implements Settings {}
  }

  /** Checks the options and makes the server's settings from them; starts nothing. */
  Settings settings() {
    AuthMode mode = AuthMode.parse(auth);
    if (mode == null) {
      return new Settings.Refused("--auth must be 'open' or 'iam', got " + auth);
    }
    if (mode == AuthMode.OPEN && !insecureOpen && !Loopback.is(host)) {
      return new Settings.Refused(
          "refusing to listen on "
              + host
              + " with --auth open: anyone who can reach it could deploy and run code. Use --auth"
              + " iam (signed requests only), or --insecure-open if this network is yours alone.");
    }
    SandboxNetwork.Mode network = SandboxNetwork.Mode.parse(sandboxNetwork);
    if (network == null) {
      return new Settings.Refused(
          "--sandbox-network must be 'egress', 'none' or 'host', got " + sandboxNetwork);
    }
    if (!accountId.matches("\\d{12}")) {
      return new Settings.Refused("--account-id must be 12 digits, got " + accountId);
    }
    ClusterStore cluster = null;
    if (store != null) {
      try {
        int peer = peerPort != null ? peerPort : port == 0 ? 0 : ClusterStore.DEFAULT_PEER_PORT;
        if (peer < 0 || peer > 65535 || (peer != 0 && peer == port)) {
          return new Settings.Refused(
              "--peer-port must be a free port other than --port, got " + peer);
        }
        if (unusedBlobGrace != null && unusedBlobGrace < 0) {
          return new Settings.Refused(
              "--unused-blob-grace must be 0 or more seconds, got " + unusedBlobGrace);
        }
        cluster =
            new ClusterStore(
                dev.outlet.postgres.PostgresUrl.parse(store),
                blobDir,
                peer,
                advertise,
                unusedBlobGrace == null ? null : java.time.Duration.ofSeconds(unusedBlobGrace));
      } catch (IllegalArgumentException e) {
        return new Settings.Refused("--store: " + e.getMessage());
      }
    } else if (blobDir != null) {
      return new Settings.Refused("--blob-dir goes with --store (a cluster's shared packages)");
    } else if (peerPort != null || advertise != null) {
      return new Settings.Refused(
          "--peer-port and --advertise go with --store (how the nodes of a cluster reach each"
              + " other)");
    } else if (unusedBlobGrace != null) {
      return new Settings.Refused(
          "--unused-blob-grace goes with --store (one machine removes unused code at once)");
    }
    ServerConfig defaults =
        ServerConfig.defaults(dataDir != null ? dataDir : ServerConfig.defaultDataDir());
    ServerConfig config =
        new ServerConfig(
            host,
            port,
            defaults.dataDir(),
            region,
            accountId,
            keepWarm,
            concurrency,
            defaults.eventRetryDelays(),
            !noIsolation,
            bwrap,
            runtimes,
            !noStartupCache,
            mode,
            defaults.clientTimeouts(),
            network,
            cluster);
    HttpsSettings https;
    String tls =
        httpsPort != null
            ? httpsPort
            : port == 0 ? "0" : Integer.toString(HttpsSettings.DEFAULT_PORT);
    if (tls.equalsIgnoreCase("off")) {
      https = HttpsSettings.OFF;
    } else if (tls.matches("\\d{1,5}") && Integer.parseInt(tls) <= 65535) {
      https = new HttpsSettings(Integer.parseInt(tls), tlsCert, tlsKey);
    } else {
      return new Settings.Refused("--https-port must be a port number or 'off', got " + tls);
    }
    return new Settings.Valid(config, https);
  }

  @Override
  public Integer call() throws Exception {
    ServerConfig config;
    HttpsSettings https;
    switch (settings()) {
      case Settings.Refused r -> {
        System.err.println("outlet: " + r.message());
        return 2;
      }
      case Settings.Valid v -> {
        config = v.config();
        https = v.https();
      }
    }
    dev.outlet.core.StartupTrace.mark("serve: options parsed");
    long t0 = System.nanoTime();
    OutletServer server;
    try {
      server = OutletServer.start(config, https);
    } catch (java.io.IOException e) {
      System.err.println("outlet: " + e.getMessage());
      return 1;
    }
    server
        .createdAdministrator()
        .ifPresent(
            key ->
                System.out.printf(
                    "Requests must be signed (--auth iam). An administrator's access key was made"
                        + " and is shown only now:%n  AWS_ACCESS_KEY_ID=%s%n"
                        + "  AWS_SECRET_ACCESS_KEY=%s%n"
                        + "(manage keys with 'outlet credentials create|list|revoke')%n",
                    key.accessKeyId(), key.secret()));
    dev.outlet.core.StartupTrace.mark("server started");
    System.out.println(server.protections().summary());
    System.out.println(server.runtimes().summary());
    if (server.httpsEndpoint() != null) {
      System.out.printf(
          "HTTPS at %s (certificate SHA-256 %s%s)%n",
          server.httpsEndpoint(),
          server.tlsFingerprint(),
          server.tlsGenerated() ? ", self-signed, generated now" : "");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "outlet-shutdown"));
    if (server.nodeId() != null) {
      System.out.printf(
          "cluster: node %s, functions shared through %s%s%n",
          server.nodeId(),
          config.cluster().url(),
          config.cluster().blobDir() == null
              ? " (packages in the database)"
              : " (packages in " + config.cluster().blobDir() + ")");
    }
    System.out.printf(
        "Outlet ready at %s (data %s, %d functions, %d ms); console at %s/%n",
        server.endpoint(),
        config.dataDir(),
        server.functionsLoaded(),
        (System.nanoTime() - t0) / 1_000_000,
        server.endpoint());
    System.out.flush();
    dev.outlet.core.StartupTrace.mark("ready line");
    stopped.await();
    return 0;
  }
}
