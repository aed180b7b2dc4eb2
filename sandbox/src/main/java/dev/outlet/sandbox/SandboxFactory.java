package dev.outlet.sandbox;

import dev.outlet.core.LogSink;
import dev.outlet.telemetry.PlatformLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

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
  private final ScheduledExecutorService timers;

  public SandboxFactory(
      ProcessLauncher launcher,
      RuntimeEndpoint.Factory endpoints,
      LogSink logs,
      Path scratchRoot,
      InstantSource clock,
      ScheduledExecutorService timers) {
    this.launcher = launcher;
    this.endpoints = endpoints;
    this.logs = logs;
    this.scratchRoot = scratchRoot;
    this.clock = clock;
    this.timers = timers;
  }

  /**
   * Starts a sandbox for {@code spec}. On an exec failure the sandbox is stopped and the exception
   * carries {@code Runtime.InvalidEntrypoint} with Lambda's {@code fork/exec ...} message. Its
   * Runtime API is served near {@code near} where the endpoint factory can (see {@link
   * RuntimeEndpoint.Factory#open}).
   */
  public Sandbox start(SandboxSpec spec, Thread near) throws SandboxLaunchException {
    String id = UUID.randomUUID().toString().replace("-", "");
    String stream = DAY.format(clock.instant()) + "/[" + spec.version() + "]" + id;
    Sandbox sandbox = new Sandbox(id, spec);
    Path scratch = scratchRoot.resolve(id);
    RuntimeEndpoint endpoint = endpoints.open(sandbox, near);
    try {
      Files.createDirectories(scratch);
      LaunchSpec launch = new LaunchSpec(spec, scratch, Map.of());
      String taskRoot = launcher.taskRoot(launch);
      String tmp = taskRoot.equals(LaunchCommand.TASK_ROOT) ? "/tmp" : scratch.toString();
      launch =
          new LaunchSpec(
              spec,
              scratch,
              RuntimeEnvironment.build(spec, endpoint.address(), taskRoot, stream, tmp));
      LaunchedProcess process = launchOrExplain(launch, taskRoot, sandbox, endpoint, stream);
      process.onExit().whenComplete((code, e) -> Scratch.delete(scratch));
      return sandbox;
    } catch (IOException e) {
      endpoint.close();
      Scratch.delete(scratch);
      throw new SandboxLaunchException("Sandbox.Failure", "could not prepare the sandbox: " + e);
    }
  }

  private LaunchedProcess launchOrExplain(
      LaunchSpec launch, String taskRoot, Sandbox sandbox, RuntimeEndpoint endpoint, String stream)
      throws SandboxLaunchException {
    SandboxSpec spec = launch.sandbox();
    LaunchedProcess process;
    try {
      sandbox.launching();
      process = launcher.launch(launch);
    } catch (IOException e) {
      endpoint.close();
      Scratch.delete(launch.scratch());
      String exe = taskRoot + "/" + spec.entrypoint().path();
      throw new SandboxLaunchException(
          "Runtime.InvalidEntrypoint",
          "fork/exec " + exe + ": " + ExitStatus.execFailure(e.getMessage()));
    }
    LogPump pump = new LogPump(process.output(), logs, spec.logGroup(), stream, clock, timers);
    sandbox.attach(endpoint, pump);
    pump.platform(
        PlatformLines.initStart(
            runtimeVersion(spec.runtime()), versionArn(spec.region(), spec.runtime())));
    if (spec.runtime().equals("go1.x")) {
      pump.platform(
          "[outlet] runtime go1.x was retired by AWS in 2024; Outlet runs "
              + spec.entrypoint().path()
              + " through the Runtime API. Migrate: name the binary bootstrap and use"
              + " provided.al2023.");
    }
    if (process.notice() != null) {
      pump.platform(process.notice());
    }
    sandbox.attachProcess(process);
    pump.start("outlet-log-" + sandbox.id().substring(0, 8));
    return process;
  }

  static String runtimeVersion(String runtime) {
    return switch (runtime) {
      case "provided.al2023" -> "provided:al2023.v1";
      case "provided.al2" -> "provided:al2.v1";
      case "go1.x" -> "go:1.v1";
      default -> "provided:al.v1";
    };
  }

  /** A stable runtime version ARN per runtime id (Outlet has one version of each). */
  public static String versionArn(String region, String runtime) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(("outlet:" + runtime).getBytes(StandardCharsets.UTF_8));
      return "arn:aws:lambda:" + region + "::runtime:" + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
