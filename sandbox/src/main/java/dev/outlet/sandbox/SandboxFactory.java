package dev.outlet.sandbox;

import dev.outlet.core.FunctionErrorType;
import dev.outlet.core.LogSink;
import dev.outlet.core.RuntimeVersions;
import dev.outlet.core.Ticker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starts sandboxes: opens the Runtime API endpoint, writes INIT_START, launches the runtime process
 * and starts its log pump. Blocking (bind, fork/exec): call off event loops.
 */
public final class SandboxFactory {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final ProcessLauncher launcher;
  private final RuntimeEndpoint.Factory endpoints;
  private final LogSink logs;
  private final Path scratchRoot;
  private final InstantSource clock;
  private final Ticker ticker;
  private volatile SandboxCredentials credentials = SandboxCredentials.NONE;

  /**
   * @param clock wall time: log timestamps, stream names, invocation deadlines
   * @param ticker monotonic time of the sandboxes' durations and idle times; the pool and the
   *     invoker must read the same one
   */
  public SandboxFactory(
      ProcessLauncher launcher,
      RuntimeEndpoint.Factory endpoints,
      LogSink logs,
      Path scratchRoot,
      InstantSource clock,
      Ticker ticker) {
    this.launcher = launcher;
    this.endpoints = endpoints;
    this.logs = logs;
    this.scratchRoot = scratchRoot;
    this.clock = clock;
    this.ticker = ticker;
    launcher.reserveWith(endpoints);
  }

  /**
   * From now on, new sandboxes get their credentials from {@code source} (set once the server knows
   * its endpoint and identities).
   */
  public void useCredentials(SandboxCredentials source) {
    this.credentials = source;
  }

  /**
   * Starts a sandbox for {@code spec}. On an exec failure the sandbox is stopped and the exception
   * carries {@code Runtime.InvalidEntrypoint} with Lambda's {@code fork/exec ...} message. Its
   * Runtime API is served near {@code near} where the endpoint factory can (see {@link
   * RuntimeEndpoint.Factory#open}).
   */
  public Sandbox start(SandboxSpec spec, Thread near) throws SandboxLaunchException {
    return start(spec, near, false);
  }

  /**
   * Starts a sandbox; a {@code provisioned} one is initialized ahead of any invocation, and its
   * runtime sees {@code AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency}, as on Lambda.
   */
  public Sandbox start(SandboxSpec spec, Thread near, boolean provisioned)
      throws SandboxLaunchException {
    if (spec.launch().unavailable() != null) {
      throw new SandboxLaunchException(
          FunctionErrorType.RUNTIME_INVALID_ENTRYPOINT, spec.launch().unavailable());
    }
    String id = UUID.randomUUID().toString().replace("-", "");
    String stream = DAY.format(clock.instant()) + "/[" + spec.version() + "]" + id;
    Sandbox sandbox = new Sandbox(id, spec, ticker, clock, ExtensionFiles.names(spec.opt()));
    Path scratch = scratchRoot.resolve(id);
    Opened opened = new Opened(sandbox, near);
    try {
      Files.createDirectories(scratch);
      LaunchSpec launch = new LaunchSpec(spec, scratch, Map.of());
      String taskRoot = launcher.taskRoot(launch);
      String tmp = taskRoot.equals(LaunchCommand.TASK_ROOT) ? "/tmp" : scratch.toString();
      Map<String, String> environment =
          new LinkedHashMap<>(RuntimeEnvironment.build(spec, null, taskRoot, stream, tmp));
      credentials.environment(spec).forEach(environment::putIfAbsent);
      if (provisioned) {
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency");
      }
      launch = new LaunchSpec(spec, scratch, environment);
      LaunchedProcess process = launchOrExplain(launch, taskRoot, sandbox, opened, stream);
      process.onExit().whenComplete((code, e) -> Scratch.delete(scratch));
      return sandbox;
    } catch (IOException e) {
      opened.close();
      Scratch.delete(scratch);
      throw new SandboxLaunchException(
          FunctionErrorType.SANDBOX_FAILURE, "could not prepare the sandbox: " + e);
    }
  }

  /** The sandbox's Runtime API listener, opened when the launcher asks for it. */
  private final class Opened implements ProcessLauncher.Endpoints {
    private final Sandbox sandbox;
    private final Thread near;
    private RuntimeEndpoint endpoint;

    Opened(Sandbox sandbox, Thread near) {
      this.sandbox = sandbox;
      this.near = near;
    }

    @Override
    public String open(NetNamespace namespace) throws IOException {
      close(); // a launch stub that failed after its listener was opened
      endpoint =
          namespace == null
              ? endpoints.open(sandbox, near)
              : endpoints.open(sandbox, near, namespace);
      return endpoint.address();
    }

    @Override
    public String claim(RuntimeEndpoint.Reservation reservation) {
      close();
      endpoint = reservation.claim(sandbox, near);
      return endpoint.address();
    }

    void close() {
      if (endpoint != null) {
        endpoint.close();
        endpoint = null;
      }
    }
  }

  private LaunchedProcess launchOrExplain(
      LaunchSpec launch, String taskRoot, Sandbox sandbox, Opened opened, String stream)
      throws SandboxLaunchException {
    SandboxSpec spec = launch.sandbox();
    LaunchedProcess process;
    try {
      sandbox.launching();
      process = launcher.launch(launch, opened);
    } catch (LaunchRefusedException e) {
      opened.close();
      Scratch.delete(launch.scratch());
      throw new SandboxLaunchException(FunctionErrorType.SANDBOX_FAILURE, e.getMessage());
    } catch (NetworkSetupException e) {
      opened.close();
      Scratch.delete(launch.scratch());
      throw new SandboxLaunchException(
          FunctionErrorType.SANDBOX_FAILURE,
          "could not set up the sandbox's network: " + e.getMessage());
    } catch (IOException e) {
      opened.close();
      Scratch.delete(launch.scratch());
      String exe =
          taskRoot.equals(LaunchCommand.TASK_ROOT)
              ? spec.launch().program()
              : LaunchCommand.toHost(spec.launch().program(), spec);
      throw new SandboxLaunchException(
          FunctionErrorType.RUNTIME_INVALID_ENTRYPOINT,
          "fork/exec " + exe + ": " + ExitStatus.execFailure(e.getMessage()));
    }
    LogPump pump = new LogPump(process.output(), logs, spec.logGroup(), stream, clock);
    sandbox.attach(opened.endpoint, pump);
    String version = spec.launch().runtimeVersion();
    sandbox.platform(
        l ->
            l.initStart(
                version,
                RuntimeVersions.arn(spec.region(), version),
                spec.functionName(),
                spec.version()));
    for (String notice : spec.launch().notices()) {
      pump.platform(notice);
    }
    if (process.notice() != null) {
      pump.platform(process.notice());
    }
    sandbox.attachProcess(process);
    pump.start("outlet-log-" + sandbox.id().substring(0, 8));
    return process;
  }
}
