package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The Extensions API's rules and the lifecycle it drives, without processes. */
class ExtensionsTest {
  private final AtomicInteger released = new AtomicInteger();
  private final AtomicInteger initOver = new AtomicInteger();
  private final List<String> ready = new ArrayList<>();

  private Extensions listening(List<String> external) {
    Extensions e = new Extensions(external);
    e.listen(
        released::incrementAndGet, initOver::incrementAndGet, (name, events) -> ready.add(name));
    return e;
  }

  private static String id(Extensions.Reply reply) {
    return ((Extensions.Reply.Registered) reply).id();
  }

  private static Invocation invocation(String requestId) {
    Invocation inv =
        new Invocation(
            requestId,
            "{}".getBytes(StandardCharsets.UTF_8),
            3000,
            "arn:aws:lambda:us-east-1:000000000000:function:f",
            "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0",
            null,
            null,
            null);
    inv.markDelivered(1_000);
    return inv;
  }

  @Test
  void theRuntimeStartsOnceEveryExternalExtensionRegisteredAndInitEndsWhenAllAsked() {
    Extensions e = listening(List.of("a", "b"));
    String a = id(e.register("a", List.of("INVOKE", "SHUTDOWN")));
    assertThat(released).hasValue(0);
    String b = id(e.register("b", List.of("INVOKE")));
    assertThat(released).hasValue(1);

    e.runtimeAsked();
    assertThat(e.next(a, x -> {})).isNull();
    assertThat(initOver).hasValue(0);
    assertThat(e.next(b, x -> {})).isNull();
    assertThat(initOver).hasValue(1);
    assertThat(ready).containsExactly("a", "b");
    assertThat(e.register("late", List.of()))
        .isEqualTo(
            new Extensions.Reply.Refused(
                403, "Extension.RegistrationClosed", "Extension registration closed already"));
  }

  @Test
  void withoutExtensionsInitEndsWhenTheRuntimeAsks() {
    Extensions e = listening(List.of());
    assertThat(released).hasValue(1);
    e.runtimeAsked();
    assertThat(initOver).hasValue(1);
    assertThat(e.settled()).isDone();
  }

  @Test
  void aRuntimeThatAsksBeforeTheSandboxListensStillEndsItsInit() {
    Extensions e = new Extensions(List.of()); // a fast runtime: /next before attachProcess
    e.runtimeAsked();
    assertThat(initOver).hasValue(0);
    e.listen(released::incrementAndGet, initOver::incrementAndGet, (name, events) -> {});
    assertThat(initOver).hasValue(1);
    e.runtimeAsked();
    assertThat(initOver).hasValue(1);
  }

  @Test
  void invokeGoesToParkedExtensionsAndSettlesWhenEachAsksAgain() {
    Extensions e = listening(List.of("a"));
    String a = id(e.register("a", List.of("INVOKE", "SHUTDOWN")));
    String internal = id(e.register("internal", List.of("INVOKE")));
    AtomicReference<String> gotA = new AtomicReference<>();
    AtomicReference<String> gotInternal = new AtomicReference<>();
    e.next(a, body -> gotA.set(new String(body, StandardCharsets.UTF_8)));
    e.next(internal, body -> gotInternal.set(new String(body, StandardCharsets.UTF_8)));
    e.runtimeAsked();

    e.invoke(invocation("r-1"));
    CompletableFuture<Void> settled = e.settled();
    assertThat(gotA.get())
        .startsWith("{\"eventType\":\"INVOKE\",\"deadlineMs\":4000,\"requestId\":\"r-1\"")
        .contains("\"invokedFunctionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:f\"")
        .contains("\"tracing\":{\"type\":\"X-Amzn-Trace-Id\",\"value\":\"Root=1-");
    assertThat(gotInternal.get()).isEqualTo(gotA.get());
    assertThat(settled).isNotDone();
    e.next(a, body -> {});
    assertThat(settled).isNotDone();
    e.next(internal, body -> {});
    assertThat(settled).isDone();
  }

  @Test
  void anEventForAnExtensionStillWorkingWaitsForItsNextAsk() {
    Extensions e = listening(List.of("a"));
    String a = id(e.register("a", List.of("INVOKE")));
    e.runtimeAsked();
    e.invoke(invocation("r-1")); // not asked yet: queued
    AtomicReference<byte[]> got = new AtomicReference<>();
    e.next(a, got::set);
    assertThat(new String(got.get(), StandardCharsets.UTF_8)).contains("\"requestId\":\"r-1\"");
    assertThat(e.settled()).isNotDone();
    e.next(a, x -> {});
    assertThat(e.settled()).isDone();
  }

  @Test
  void shutdownGoesOnlyToThoseRegisteredForItWithItsReasonAndDeadline() {
    Extensions e = listening(List.of("a", "b"));
    String a = id(e.register("a", List.of("INVOKE", "SHUTDOWN")));
    String b = id(e.register("b", List.of("INVOKE")));
    AtomicReference<String> gotA = new AtomicReference<>();
    AtomicReference<String> gotB = new AtomicReference<>();
    e.next(a, body -> gotA.set(new String(body, StandardCharsets.UTF_8)));
    e.next(b, body -> gotB.set(new String(body, StandardCharsets.UTF_8)));
    assertThat(e.wantShutdown()).isTrue();

    CompletableFuture<Void> done = e.shutdown(Extensions.ShutdownReason.TIMEOUT, 12_345);
    assertThat(gotA.get())
        .isEqualTo(
            "{\"eventType\":\"SHUTDOWN\",\"shutdownReason\":\"timeout\",\"deadlineMs\":12345}");
    assertThat(gotB.get()).isNull();
    assertThat(done).isNotDone();
    e.exitError(a);
    assertThat(done).isDone();
  }

  @Test
  void registrationFollowsAwsRules() {
    Extensions e = listening(List.of("a"));
    assertThat(e.register(null, List.of()))
        .isEqualTo(
            new Extensions.Reply.Refused(
                403, "Extension.InvalidExtensionName", "Empty extension name"));
    assertThat(e.register("a", List.of("INVOKE", "BOGUS")))
        .isEqualTo(
            new Extensions.Reply.Refused(
                403, "Extension.InvalidEventType", "BOGUS: invalid event type"));
    assertThat(e.register("internal", List.of("SHUTDOWN")))
        .isInstanceOf(Extensions.Reply.Refused.class)
        .extracting(r -> ((Extensions.Reply.Refused) r).errorType())
        .isEqualTo("Extension.InvalidEventType");
    id(e.register("a", List.of()));
    assertThat(e.register("a", List.of()))
        .isEqualTo(
            new Extensions.Reply.Refused(
                403,
                "Extension.InvalidExtensionState",
                "State transition from Registered to Registered failed for extension a. Error:"
                    + " State transition is not allowed"));
    for (int i = 1; i < Extensions.MAX; i++) {
      id(e.register("internal-" + i, List.of()));
    }
    assertThat(e.register("one-too-many", List.of()))
        .isEqualTo(
            new Extensions.Reply.Refused(
                403, "Extension.TooManyExtensions", "Extension limit (10) reached"));
    assertThat(e.next("nope", x -> {}))
        .isEqualTo(
            new Extensions.Reply.Refused(
                403, "Extension.UnknownExtensionIdentifier", "Unknown extension nope"));
    assertThat(e.next(null, x -> {}).errorType()).isEqualTo("Extension.MissingExtensionIdentifier");
  }
}
