package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import dev.outlet.invoke.InvokeOutcome;
import dev.outlet.invoke.InvokeRequest;
import dev.outlet.sandbox.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerWireTest {
  static final PeerWire.Key KEY = new PeerWire.Key("0123456789abcdef0123456789abcdef".getBytes());
  static final long NOW = 1_800_000_000_000L;
  static final byte[] PAYLOAD = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

  static PeerWire.Call call() {
    return new PeerWire.Call(
        "eu-west-1",
        "greeter",
        "3",
        new InvokeRequest(
            "req-1",
            PAYLOAD,
            "arn:aws:lambda:eu-west-1:000000000000:function:greeter:live",
            "{\"custom\":{\"é\":1}}",
            true));
  }

  @Test
  void aSignedRequestReadsBackAsTheSameCall() {
    Map<String, String> h = PeerWire.request(call(), PAYLOAD, NOW, KEY);
    var read = PeerWire.readRequest(h::get, PAYLOAD, NOW + 1_000, KEY);
    assertThat(read).isInstanceOf(PeerWire.Read.Valid.class);
    PeerWire.Call back = ((PeerWire.Read.Valid<PeerWire.Call>) read).value();
    assertThat(back.region()).isEqualTo("eu-west-1");
    assertThat(back.function()).isEqualTo("greeter");
    assertThat(back.version()).isEqualTo("3");
    assertThat(back.request().requestId()).isEqualTo("req-1");
    assertThat(back.request().payload()).isEqualTo(PAYLOAD);
    assertThat(back.request().invokedFunctionArn()).endsWith(":greeter:live");
    assertThat(back.request().clientContext()).isEqualTo("{\"custom\":{\"é\":1}}");
    assertThat(back.request().tail()).isTrue();
  }

  @Test
  void anotherKeyAnAlteredFieldOrBodyOrAnOldRequestIsRefused() {
    Map<String, String> h = PeerWire.request(call(), PAYLOAD, NOW, KEY);
    PeerWire.Key other = new PeerWire.Key("another-cluster-secret-of-32-byt".getBytes());
    assertThat(PeerWire.readRequest(h::get, PAYLOAD, NOW, other))
        .isInstanceOf(PeerWire.Read.Invalid.class);
    Map<String, String> altered = new HashMap<>(h);
    altered.put(PeerWire.FUNCTION, "admin-only");
    assertThat(PeerWire.readRequest(altered::get, PAYLOAD, NOW, KEY))
        .isInstanceOf(PeerWire.Read.Invalid.class);
    assertThat(PeerWire.readRequest(h::get, "{\"a\":2}".getBytes(), NOW, KEY))
        .isInstanceOf(PeerWire.Read.Invalid.class);
    assertThat(PeerWire.readRequest(h::get, PAYLOAD, NOW + PeerWire.WINDOW_MILLIS + 1, KEY))
        .isEqualTo(new PeerWire.Read.Invalid<>("the request is 30 s from this node's clock"));
    Map<String, String> missing = new HashMap<>(h);
    missing.remove(PeerWire.REGION);
    assertThat(PeerWire.readRequest(missing::get, PAYLOAD, NOW, KEY))
        .isInstanceOf(PeerWire.Read.Invalid.class);
  }

  @Test
  void everyOutcomeAndRefusalReadsBackAndAForgedAnswerIsRefused() {
    byte[] body = "{\"ok\":true}".getBytes();
    for (InvocationResult r :
        new InvocationResult[] {
          new InvocationResult.Success(body, "application/json"),
          new InvocationResult.FunctionError(body),
          InvocationResult.Failure.of(
              InvocationResult.Failure.Cause.TIMEOUT, "req-1", "Sandbox.Timedout", "timed out")
        }) {
      var answer = new PeerWire.Ran(new InvokeOutcome("req-1", "3", r, "bG9n"));
      PeerWire.Head head = PeerWire.answer(answer, "req-1", r.body(), KEY);
      var read = PeerWire.readAnswer(head.status(), head.headers()::get, r.body(), "req-1", KEY);
      var ran = (PeerWire.Ran) ((PeerWire.Read.Valid<PeerWire.Answer>) read).value();
      assertThat(ran.outcome().executedVersion()).isEqualTo("3");
      assertThat(ran.outcome().logResult()).isEqualTo("bG9n");
      assertThat(ran.outcome().result().getClass()).isEqualTo(r.getClass());
      assertThat(ran.outcome().result().body()).isEqualTo(r.body());
      assertThat(ran.outcome().result().failed()).isEqualTo(r.failed());
      // the same answer for another request, or with another body, is not believed
      assertThat(PeerWire.readAnswer(head.status(), head.headers()::get, r.body(), "req-2", KEY))
          .isInstanceOf(PeerWire.Read.Invalid.class);
      assertThat(PeerWire.readAnswer(head.status(), head.headers()::get, new byte[1], "req-1", KEY))
          .isInstanceOf(PeerWire.Read.Invalid.class);
    }
    LambdaException throttle =
        LambdaException.throttled("ReservedFunctionConcurrentInvocationLimitExceeded");
    byte[] message = throttle.getMessage().getBytes();
    PeerWire.Head head = PeerWire.answer(new PeerWire.Refused(throttle), "req-1", message, KEY);
    assertThat(head.status()).isEqualTo(429);
    var refused =
        (PeerWire.Refused)
            ((PeerWire.Read.Valid<PeerWire.Answer>)
                    PeerWire.readAnswer(429, head.headers()::get, message, "req-1", KEY))
                .value();
    assertThat(refused.error().code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
    assertThat(refused.error().reason())
        .contains("ReservedFunctionConcurrentInvocationLimitExceeded");
    PeerWire.Head notHere = PeerWire.answer(new PeerWire.NotHere("x"), "req-1", new byte[0], KEY);
    assertThat(PeerWire.readAnswer(421, notHere.headers()::get, new byte[0], "req-1", KEY))
        .isInstanceOf(PeerWire.Read.Valid.class);
    Map<String, String> forged = new HashMap<>(head.headers());
    forged.put(PeerWire.REFUSED, "ResourceNotFoundException");
    assertThat(PeerWire.readAnswer(429, forged::get, message, "req-1", KEY))
        .isInstanceOf(PeerWire.Read.Invalid.class);
  }
}
