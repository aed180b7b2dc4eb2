package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.LogSink;
import dev.outlet.core.Ticker;
import dev.outlet.sandbox.testkit.Specs;
import dev.outlet.sandbox.testkit.StandInProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hand-over between invoker and runtime, without processes or HTTP. */
class SandboxHandOverTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final List<String> lines = new ArrayList<>();
  private StandInProcess process;
  private Sandbox sandbox;

  @BeforeEach
  void start() {
    SandboxSpec spec = Specs.provided(Path.of("/nonexistent"), 512);
    sandbox =
        new Sandbox(
            "0123456789abcdef0123456789abcdef", spec, Ticker.system(), InstantSource.system());
    LogSink sink =
        (g, s, t, m) -> {
          synchronized (lines) {
            lines.add(m);
          }
        };
    process = new StandInProcess();
    LogPump pump =
        new LogPump(process.output(), sink, "/aws/lambda/fn", "stream", InstantSource.system());
    sandbox.attach(StandInProcess.noEndpoint(), pump);
    sandbox.attachProcess(process);
  }

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  private static Invocation invocation(String id) {
    return new Invocation(
        id, "{}".getBytes(StandardCharsets.UTF_8), 3000, "arn", "trace", null, null, null);
  }

  @Test
  void theFirstNextDeliversTheInvocationLentDuringTheColdStart() {
    Invocation inv = invocation("a");
    sandbox.lend(inv);
    List<Invocation> got = new ArrayList<>();
    sandbox.next(got::add);
    assertThat(got).containsExactly(inv);
    assertThat(inv.isDelivered()).isTrue();
    assertThat(inv.deadlineEpochMillis()).isGreaterThan(System.currentTimeMillis());
    assertThat(sandbox.initialized()).isTrue();
  }

  @Test
  void aWarmLendGoesStraightToTheParkedNext() {
    List<Invocation> got = new ArrayList<>();
    sandbox.next(got::add);
    assertThat(sandbox.state()).isEqualTo(SandboxState.IDLE);
    assertThat(got).isEmpty();
    Invocation inv = invocation("b");
    sandbox.lend(inv);
    assertThat(got).containsExactly(inv);
    assertThat(sandbox.state()).isEqualTo(SandboxState.BUSY);
  }

  @Test
  void aResponseCompletesTheInvocationOnceAndASecondIsAnInvalidStateTransition() {
    Invocation inv = invocation("c");
    sandbox.lend(inv);
    sandbox.next(i -> {});
    assertThat(sandbox.respond("c", "1".getBytes(StandardCharsets.UTF_8), null))
        .isEqualTo(Sandbox.Reply.ACCEPTED);
    assertThat(inv.result().join()).isInstanceOf(InvocationResult.Success.class);
    assertThat(sandbox.respond("c", "2".getBytes(StandardCharsets.UTF_8), null))
        .isEqualTo(Sandbox.Reply.INVALID_STATE);
    assertThat(new String(inv.result().join().body(), StandardCharsets.UTF_8)).isEqualTo("1");
  }

  @Test
  void aSecondResultAfterTheSandboxWasReleasedIsStillAnInvalidStateTransition() {
    sandbox.lend(invocation("r"));
    sandbox.next(i -> {});
    sandbox.respond("r", new byte[0], null);
    sandbox.release();
    assertThat(sandbox.respond("r", new byte[0], null)).isEqualTo(Sandbox.Reply.INVALID_STATE);
    assertThat(sandbox.error("r", new byte[0])).isEqualTo(Sandbox.Reply.INVALID_STATE);
    assertThat(sandbox.respond("never-seen", new byte[0], null))
        .isEqualTo(Sandbox.Reply.INVALID_REQUEST_ID);
  }

  @Test
  void aResultForAnotherRequestIdIsRefused() {
    sandbox.lend(invocation("d"));
    sandbox.next(i -> {});
    assertThat(sandbox.respond("other", new byte[0], null))
        .isEqualTo(Sandbox.Reply.INVALID_REQUEST_ID);
    assertThat(sandbox.error("other", new byte[0])).isEqualTo(Sandbox.Reply.INVALID_REQUEST_ID);
  }

  @Test
  void nextWhileAnInvocationRunsRedeliversTheSameEventWithoutASecondStart() {
    Invocation inv = invocation("e");
    sandbox.lend(inv);
    List<Invocation> got = new ArrayList<>();
    sandbox.next(got::add);
    sandbox.next(got::add);
    assertThat(got).containsExactly(inv, inv);
    assertThat(lines.stream().filter(l -> l.startsWith("START")).count()).isEqualTo(1);
  }

  @Test
  void nextAfterTheResponseParksUntilTheNextLend() {
    Invocation first = invocation("f");
    sandbox.lend(first);
    sandbox.next(i -> {});
    sandbox.respond("f", new byte[0], null);
    List<Invocation> got = new ArrayList<>();
    sandbox.next(got::add);
    assertThat(got).isEmpty();
    sandbox.release();
    Invocation second = invocation("g");
    sandbox.lend(second);
    assertThat(got).containsExactly(second);
  }

  @Test
  void theProcessDyingFailsTheRunningInvocationWithExitError() {
    Invocation inv = invocation("h");
    sandbox.lend(inv);
    sandbox.next(i -> {});
    process.exit.complete(3);
    InvocationResult.Failure r = (InvocationResult.Failure) inv.result().join();
    assertThat(r.cause()).isEqualTo(InvocationResult.Failure.Cause.EXIT);
    assertThat(r.errorType()).isEqualTo("Runtime.ExitError");
    assertThat(r.message()).isEqualTo("Runtime exited with error: exit status 3");
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains("RequestId: h Error: Runtime exited with error: exit status 3");
    assertThat(sandbox.state()).isEqualTo(SandboxState.FAILED);
  }

  @Test
  void aRuntimeThatDiedBeforeTheHandOverFailsTheInvocationAtOnce() {
    // the cold start's process exits before the invoker lends it the invocation (a loaded host)
    process.exit.complete(7);
    Invocation inv = invocation("late");
    sandbox.lend(inv);
    assertThat(inv.result()).isDone();
    InvocationResult.Failure r = (InvocationResult.Failure) inv.result().join();
    assertThat(r.cause()).isEqualTo(InvocationResult.Failure.Cause.EXIT);
    assertThat(r.message()).isEqualTo("Runtime exited with error: exit status 7");
    assertThat(sandbox.state()).isEqualTo(SandboxState.FAILED);
  }

  @Test
  void anInitErrorFailsThePendingInvocationWithThePostedBody() {
    Invocation inv = invocation("i");
    sandbox.lend(inv);
    byte[] body = "{\"errorType\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(sandbox.initError(body, "Runtime.Unknown")).isEqualTo(Sandbox.Reply.ACCEPTED);
    assertThat(inv.result().join().body()).isEqualTo(body);
  }

  @Test
  void anInitErrorAfterInitIsAnInvalidStateTransition() {
    sandbox.next(i -> {});
    assertThat(sandbox.initError(new byte[0], "Runtime.Unknown"))
        .isEqualTo(Sandbox.Reply.INVALID_STATE);
  }
}
