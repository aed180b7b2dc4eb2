package dev.outlet.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.Limits;
import dev.outlet.core.LogSink;
import dev.outlet.core.Ticker;
import dev.outlet.runtimeapi.RawExchange.Response;
import dev.outlet.sandbox.Invocation;
import dev.outlet.sandbox.InvocationResult;
import dev.outlet.sandbox.Sandbox;
import dev.outlet.sandbox.SandboxFactory;
import dev.outlet.sandbox.SandboxSpec;
import dev.outlet.sandbox.testkit.Specs;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plays a runtime against the real Runtime API listener and the real sandbox state machine behind
 * it (no process: the sandbox's runtime is a stand-in), in random orders: {@code GET /next},
 * results for the running, the previous and unknown request ids, duplicates, {@code /init/error}
 * before and after init, bodies over the 6 MB cap, bodies cut off by a disconnect, bad response
 * modes and paths. Every request must get exactly one well-formed answer with the Runtime API's
 * status (lambda-contract.md §1.2) within a bounded time, and no invocation may be completed twice
 * or by a request that was refused.
 *
 * <p>Reproduce a failure with {@code -Doutlet.seed=<the seed in the message>}.
 */
class RuntimeApiRandomizedTest {
  private static final int STEPS = 500;
  private static final String PREFIX = "/2018-06-01/runtime/";

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  @TempDir Path dir;

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void answersEveryRandomRuntimeRequestOnceAndCompletesEachInvocationAtMostOnce() throws Exception {
    long seed = Long.getLong("outlet.seed", System.nanoTime());
    try {
      new Run(seed).run();
    } catch (AssertionError | Exception e) {
      throw new AssertionError("failed with seed " + seed + " (-Doutlet.seed=" + seed + ")", e);
    }
  }

  /** One seeded run: the test is the invoker and the runtime; the model says what must happen. */
  private final class Run {
    private final Random r;
    private final StandInLauncher launcher = new StandInLauncher();
    private final SandboxFactory factory;
    private final Set<String> completed = new HashSet<>();
    private final Set<Integer> statuses = new java.util.TreeSet<>();
    private Sandbox sandbox;
    private String address;
    private boolean initialized;
    private Invocation current;
    private String lastLent;
    private RawExchange parked;
    private int step;

    Run(long seed) {
      r = new Random(seed);
      factory =
          new SandboxFactory(
              launcher,
              new VertxRuntimeEndpoints(vertx, "127.0.0.1", 1),
              LogSink.DISCARD,
              dir,
              InstantSource.system(),
              Ticker.system());
    }

    void run() throws Exception {
      replaceSandbox();
      try {
        for (step = 0; step < STEPS; step++) {
          int op = r.nextInt(100);
          if (op < 15) {
            lend();
          } else if (op < 32) {
            next();
          } else if (op < 55) {
            result(r.nextBoolean() ? "response" : "error");
          } else if (op < 62) {
            initError();
          } else if (op < 67) {
            oversized(r.nextInt(3) > 0 ? "response" : "error");
          } else if (op < 77) {
            truncated();
          } else if (op < 82) {
            badMode();
          } else if (op < 86) {
            badPath();
          } else if (op < 92) {
            lend();
            next();
          } else {
            lend();
            result("response");
          }
          if (current != null) {
            assertThat(current.done())
                .as("step %d: completed by no accepted request", step)
                .isFalse();
          }
        }
      } finally {
        if (parked != null) {
          parked.close();
        }
        sandbox.stop();
      }
      assertThat(statuses).as("every answer was exercised").contains(200, 202, 400, 403, 404, 413);
      assertThat(completed).as("invocations completed").hasSizeGreaterThan(STEPS / 20);
    }

    /** The invoker lends an invocation; a parked {@code /next} receives it at once. */
    private void lend() throws Exception {
      if (current != null) {
        return;
      }
      byte[] payload = ("{\"n\":" + r.nextInt(1000) + "}").getBytes(StandardCharsets.UTF_8);
      Invocation inv =
          new Invocation(
              UUID.randomUUID().toString(), payload, 3000, "arn", "trace", null, null, null);
      sandbox.lend(inv);
      current = inv;
      lastLent = inv.requestId();
      if (parked != null) {
        RawExchange waiting = parked;
        parked = null;
        expectEvent(waiting.read(), inv);
        waiting.close();
      }
    }

    /** The runtime asks for work: the running event at once, else it waits for the next lend. */
    private void next() throws Exception {
      if (parked != null) {
        return; // one runtime thread: it does not ask twice at once
      }
      RawExchange x = send("GET", PREFIX + "invocation/next", null, Map.of());
      if (current != null) {
        expectEvent(x.read(), current);
        x.close();
      } else {
        parked = x;
      }
      for (int i = 0; i < 500 && !sandbox.initialized(); i++) {
        Thread.sleep(10); // polls the state under test, boundedly
      }
      assertThat(sandbox.initialized()).as("a /next ends init").isTrue();
      initialized = true;
    }

    /** A result for the running, the last or an unknown request id, sometimes twice. */
    private void result(String kind) throws Exception {
      String id = pickId();
      byte[] body = ("{\"r\":" + r.nextInt(1000) + "}").getBytes(StandardCharsets.UTF_8);
      int expected = expectedFor(id);
      Response res =
          sendAndRead(
              "POST", PREFIX + "invocation/" + id + "/" + kind, body, r.nextInt(4) == 0, Map.of());
      expectReply(res, expected, expected == 400 ? "InvalidRequestID" : "InvalidStateTransition");
      if (expected == 202) {
        assertThat(completed.add(id)).as("step %d: %s completed twice", step, id).isTrue();
        InvocationResult got = current.result().getNow(null);
        assertThat(got)
            .as("step %d: the accepted result completed the invocation", step)
            .isNotNull();
        assertThat(got.body()).isEqualTo(body);
        assertThat(got)
            .isInstanceOf(
                kind.equals("response")
                    ? InvocationResult.Success.class
                    : InvocationResult.FunctionError.class);
        if (r.nextInt(3) == 0) { // a duplicate before the invoker released the sandbox
          Response again =
              sendAndRead("POST", PREFIX + "invocation/" + id + "/" + kind, body, false, Map.of());
          expectReply(again, 403, "InvalidStateTransition");
        }
        sandbox.release(); // the invoker, after a healthy invocation
        current = null;
      }
    }

    /** {@code /init/error}: accepted once, before the first {@code /next}; it fails the sandbox. */
    private void initError() throws Exception {
      Response res =
          sendAndRead(
              "POST",
              PREFIX + "init/error",
              "{\"errorMessage\":\"boom\",\"errorType\":\"E\"}".getBytes(StandardCharsets.UTF_8),
              false,
              Map.of("Lambda-Runtime-Function-Error-Type", "Runtime.BadFunctionCode"));
      if (initialized) {
        expectReply(res, 403, "InvalidStateTransition");
        return;
      }
      expectReply(res, 202, null);
      if (current != null) {
        assertThat(completed.add(current.requestId())).isTrue();
        InvocationResult got = current.result().getNow(null);
        assertThat(got).isNotNull();
        assertThat(((InvocationResult.Failure) got).errorType())
            .isEqualTo("Runtime.BadFunctionCode");
      }
      replaceSandbox(); // the invoker discards a failed sandbox
    }

    /** A body over the cap: 413; a response for the running invocation fails it instead. */
    private void oversized(String kind) throws Exception {
      String id = pickId();
      byte[] body = new byte[Limits.RESPONSE_PAYLOAD + 1 + r.nextInt(64 * 1024)];
      boolean wasRunning = expectedFor(id) == 202;
      Response res =
          sendAndRead(
              "POST", PREFIX + "invocation/" + id + "/" + kind, body, r.nextBoolean(), Map.of());
      expectReply(res, 413, "RequestEntityTooLarge");
      if (kind.equals("response") && wasRunning) {
        assertThat(completed.add(id)).as("step %d: %s completed twice", step, id).isTrue();
        InvocationResult got = current.result().getNow(null);
        assertThat(got).isNotNull();
        assertThat(((InvocationResult.Failure) got).cause())
            .isEqualTo(InvocationResult.Failure.Cause.RESPONSE_TOO_LARGE);
        assertThat(((InvocationResult.Failure) got).errorType())
            .isEqualTo("Function.ResponseSizeTooLarge");
        replaceSandbox(); // a failed invocation's sandbox is discarded
      }
    }

    /** The runtime dies mid-body: no answer is owed, and nothing may complete. */
    private void truncated() throws Exception {
      String id = pickId();
      byte[] body = new byte[100 + r.nextInt(10_000)];
      boolean chunked = r.nextBoolean();
      RawExchange x =
          send(
              "POST",
              PREFIX + "invocation/" + id + "/" + (r.nextBoolean() ? "response" : "error"),
              body,
              Map.of(),
              chunked,
              r.nextInt(body.length));
      x.awaitWritten();
      x.close();
    }

    private void badMode() throws Exception {
      String id = pickId();
      Response res =
          sendAndRead(
              "POST",
              PREFIX + "invocation/" + id + "/response",
              "{}".getBytes(StandardCharsets.UTF_8),
              false,
              Map.of("Lambda-Runtime-Function-Response-Mode", "buffered-ish"));
      expectReply(res, 400, "InvalidFunctionResponseMode");
    }

    private void badPath() throws Exception {
      List<String[]> paths =
          List.of(
              new String[] {"GET", PREFIX + "invocation/" + pickId() + "/response"},
              new String[] {"POST", PREFIX + "invocation/next"},
              new String[] {"POST", PREFIX + "invocation/" + pickId() + "/finish"},
              new String[] {"GET", "/2018-06-01/ping"});
      String[] p = paths.get(r.nextInt(paths.size()));
      Response res =
          sendAndRead(p[0], p[1], p[0].equals("POST") ? new byte[1] : null, false, Map.of());
      expectReply(res, 404, "InvalidRequest");
    }

    /** The running id, the last lent one, or one never seen. */
    private String pickId() {
      int pick = r.nextInt(4);
      if (pick < 2 && current != null) {
        return current.requestId();
      }
      if (pick == 2 && lastLent != null) {
        return lastLent;
      }
      return UUID.randomUUID().toString();
    }

    /** What the Runtime API answers a well-formed result for {@code id}. */
    private int expectedFor(String id) {
      if (current != null && id.equals(current.requestId())) {
        return current.done() ? 403 : 202;
      }
      return id.equals(lastLent) ? 403 : 400;
    }

    private void replaceSandbox() throws Exception {
      if (parked != null) {
        parked.close();
        parked = null;
      }
      if (sandbox != null) {
        sandbox.stop();
      }
      sandbox = factory.start(spec(dir), null);
      address = launcher.address;
      initialized = false;
      current = null;
      lastLent = null;
    }

    private RawExchange send(String method, String path, byte[] body, Map<String, String> headers)
        throws IOException {
      return send(method, path, body, headers, false, -1);
    }

    private RawExchange send(
        String method,
        String path,
        byte[] body,
        Map<String, String> headers,
        boolean chunked,
        int sendOnly)
        throws IOException {
      StringBuilder head =
          new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      head.append("Host: ").append(address).append("\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      if (body != null) {
        head.append("Content-Type: application/json\r\n");
        head.append(
            chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
      }
      head.append("\r\n");
      return RawExchange.send(address, head.toString(), body, chunked, sendOnly);
    }

    private Response sendAndRead(
        String method, String path, byte[] body, boolean chunked, Map<String, String> headers)
        throws Exception {
      try (RawExchange x = send(method, path, body, headers, chunked, -1)) {
        Response res = x.read();
        x.awaitWritten();
        return res;
      }
    }

    private void expectEvent(Response res, Invocation inv) {
      statuses.add(res.status());
      assertThat(res.status()).as("step %d: /next", step).isEqualTo(200);
      assertThat(res.headers().get("lambda-runtime-aws-request-id")).isEqualTo(inv.requestId());
      assertThat(Long.parseLong(res.headers().get("lambda-runtime-deadline-ms")))
          .isGreaterThan(System.currentTimeMillis() - 60_000);
      assertThat(res.body()).isEqualTo(inv.payload());
      assertThat(inv.isDelivered()).isTrue();
    }

    private void expectReply(Response res, int status, String errorType) {
      statuses.add(res.status());
      assertThat(res.status()).as("step %d: status (body %s)", step, res.text()).isEqualTo(status);
      assertThat(res.headers().get("content-type")).isEqualTo("application/json");
      if (status == 202) {
        assertThat(res.text()).isEqualTo("{\"status\":\"OK\"}");
      } else {
        assertThat(res.text())
            .startsWith("{\"errorMessage\":\"")
            .endsWith("\"errorType\":\"" + errorType + "\"}");
      }
    }
  }

  private static SandboxSpec spec(Path dir) {
    return Specs.provided(dir, 512);
  }
}
