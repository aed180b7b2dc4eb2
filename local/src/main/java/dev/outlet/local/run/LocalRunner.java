package dev.outlet.local.run;

import dev.outlet.api.Deployed;
import dev.outlet.api.model.CreateFunctionRequest;
import dev.outlet.core.Account;
import dev.outlet.core.FileTrees;
import dev.outlet.core.LogSink;
import dev.outlet.engine.Engine;
import dev.outlet.invoke.InvocationObserver;
import dev.outlet.invoke.InvokeOutcome;
import dev.outlet.invoke.InvokeRequest;
import dev.outlet.sandbox.Protections;
import dev.outlet.sandbox.SandboxSpec;
import dev.outlet.storage.LocalStores;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

/**
 * Runs functions in real sandboxes with no HTTP API: the same validation (CreateFunction's rules
 * and messages), isolation, limits, Runtime API and START/END/REPORT lines as {@code outlet serve}.
 * The function's log lines go to the {@link LogSink} given. Everything lives under a temporary
 * folder removed by {@link #close}, which also stops every sandbox. Not for concurrent use.
 */
public final class LocalRunner implements AutoCloseable {
  private final Path data;
  private final Engine engine;
  private final Account account;

  /**
   * The HTTP warm-up, run on a thread of its own while the function is created (storing and
   * extracting its package): the first invocation waits for it.
   */
  private final Thread warmUp;

  /**
   * @param initLimitMillis the cold-start limit (10 s as Lambda; longer for a debugging session)
   */
  public LocalRunner(
      LogSink logs,
      boolean isolation,
      String region,
      long initLimitMillis,
      java.util.Map<String, Path> runtimes)
      throws IOException {
    data = Files.createTempDirectory("outlet-local-");
    // the host's network: a debugger attaches to the function's port on loopback, and the code
    // run is the developer's own
    Protections protections =
        isolation
            ? Protections.probe(
                Protections.DEFAULT_BWRAP,
                Protections.DEFAULT_CGROUP_ROOT,
                Protections.DEFAULT_QEMU,
                dev.outlet.sandbox.SandboxNetwork.Mode.HOST)
            : Protections.none();
    dev.outlet.core.StartupTrace.mark("local: protections probed");
    account = new Account(region, "000000000000");
    try {
      engine =
          new Engine(
              new Engine.Settings(
                  data,
                  protections,
                  1,
                  1,
                  1000,
                  Long.MAX_VALUE / 4,
                  initLimitMillis,
                  InvocationObserver.NONE,
                  logs,
                  account,
                  runtimes,
                  true,
                  LocalStores.CHOICE));
    } catch (IOException | RuntimeException e) {
      FileTrees.deleteQuietly(data);
      throw e;
    }
    dev.outlet.core.StartupTrace.mark("local: engine");
    try {
      // container-image functions: images on this machine, unpacked under the temporary folder
      engine
          .functions()
          .useImages(dev.outlet.images.ArchiveImages.open(data.resolve("images"), Path.of("")));
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    dev.outlet.core.StartupTrace.mark("local: images");
    Vertx vertx = engine.vertx();
    warmUp =
        Thread.ofPlatform()
            .daemon()
            .name("outlet-http-warm-up")
            .start(
                () -> {
                  warmHttp(vertx);
                  dev.outlet.core.StartupTrace.mark("local: http warmed");
                });
  }

  /** Waits for the HTTP warm-up (a no-op once it ended, or when the constructor failed first). */
  private void awaitWarmUp() throws InterruptedException {
    if (warmUp != null) {
      warmUp.join();
    }
  }

  /**
   * Sends one request through this JVM's still cold HTTP stack (Vert.x server side, as the Runtime
   * API uses it) so that the function's Init Duration measures the runtime's start and not this
   * JVM's first request: under {@code outlet serve} that cost is paid once, long before.
   */
  private static void warmHttp(Vertx vertx) {
    var server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.response()
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Lambda-Runtime-Aws-Request-Id", "warm-up")
                        .end("{}"));
    try {
      int port =
          server
              .listen(0, "127.0.0.1")
              .toCompletionStage()
              .toCompletableFuture()
              .join()
              .actualPort();
      try (var socket = new java.net.Socket("127.0.0.1", port)) {
        socket
            .getOutputStream()
            .write(
                ("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.getInputStream().readAllBytes();
      }
    } catch (java.io.IOException | RuntimeException e) {
      // only a warm-up
    } finally {
      server.close();
    }
  }

  /**
   * Begins probing the host's interpreters and writing the runtime files when {@code runtime} is a
   * managed one (a Go or custom runtime needs neither, and a start without them is ~0.5 s of CPU
   * lighter); else they begin only when asked for.
   */
  public void expect(String runtime) {
    if (runtime != null && !runtime.startsWith("provided") && !runtime.equals("go1.x")) {
      engine.runtimes().begin();
    }
  }

  /**
   * Validates and stores the function as CreateFunction would: the same request record and the same
   * method the REST path calls.
   *
   * @throws dev.outlet.core.LambdaException with CreateFunction's code and message
   */
  public Deployed create(CreateFunctionRequest createFunction) {
    Deployed d = engine.functions().create(createFunction);
    dev.outlet.core.Entrypoint entry = d.record().entrypoint();
    if (entry != null && entry.kind() == dev.outlet.core.Entrypoint.Kind.MISSING) {
      // AWS (and outlet serve) accept it, as layers may come later; here nothing will: say it now
      throw dev.outlet.core.LambdaException.invalidParameter(entry.missing());
    }
    return d;
  }

  /**
   * Invokes once and waits for the result and its END/REPORT lines.
   *
   * @param adjust changes the sandbox settings (e.g. a debug session's longer deadline)
   */
  public InvokeOutcome invoke(Deployed function, byte[] payload, UnaryOperator<SandboxSpec> adjust)
      throws InterruptedException {
    awaitWarmUp(); // so that Init Duration is the runtime's start, not this JVM's first request
    SandboxSpec spec = adjust.apply(function.spec());
    InvokeRequest request =
        new InvokeRequest(
            UUID.randomUUID().toString(),
            payload,
            account.functionArn(function.record().name()),
            null,
            true); // tail: the outcome completes after END and REPORT were written
    try {
      return engine.invoker().invoke(spec, request).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("invocation failed: " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void close() {
    dev.outlet.core.StartupTrace.mark("local: closing");
    try {
      awaitWarmUp(); // its server is on the engine's Vert.x
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close();
    dev.outlet.core.StartupTrace.mark("local: engine closed");
    FileTrees.deleteQuietly(data);
    dev.outlet.core.StartupTrace.mark("local: closed");
  }
}
