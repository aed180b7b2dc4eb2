package dev.outlet.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.edge.testkit.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.WithNull;

/**
 * The stored form of an accepted {@code Event} invocation, which one node writes and another reads:
 * what is written reads back as it was, and anything else (a damaged row, another version) is
 * refused with {@link EventBody.Malformed}, never another exception, and never a large allocation
 * from a lying length.
 */
class EventBodyProperties {

  @Property(tries = 300)
  void whatIsWrittenReadsBack(
      @ForAll @StringLength(min = 1, max = 64) @Chars({'a', 'z', ':', '-', 'é', '中'})
          String function,
      @ForAll @StringLength(min = 1, max = 40) String requestId,
      @ForAll @WithNull(0.3) @StringLength(max = 200) String clientContext,
      @ForAll byte[] payload) {
    String id = requestId.replaceAll("\\p{Cs}", "x"); // lone surrogates have no UTF-8 form
    String context = clientContext == null ? null : clientContext.replaceAll("\\p{Cs}", "x");
    InvokeRequest request =
        new InvokeRequest(
            id,
            payload,
            "arn:aws:lambda:us-east-1:000000000000:function:" + function,
            context,
            false);
    EventJournal.Pending back =
        EventBody.decode(EventBody.encode(new EventJournal.Pending(function, request)));
    assertThat(back.functionName()).isEqualTo(function);
    assertThat(back.request().requestId()).isEqualTo(id);
    assertThat(back.request().invokedFunctionArn()).isEqualTo(request.invokedFunctionArn());
    assertThat(back.request().clientContext()).isEqualTo(context);
    assertThat(back.request().payload()).isEqualTo(payload);
  }

  private static List<byte[]> samples() {
    return List.of(
        body("fn", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), null),
        body("fn:3", new byte[2048], "{\"custom\":{\"k\":\"v\"}}"),
        body("名前", new byte[0], ""));
  }

  private static byte[] body(String function, byte[] payload, String context) {
    return EventBody.encode(
        new EventJournal.Pending(
            function,
            new InvokeRequest(
                "3f1c2a4e-0000-4000-8000-000000000001",
                payload,
                "arn:aws:lambda:us-east-1:000000000000:function:" + function,
                context,
                false)));
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return Fuzz.mutationsOf(samples());
  }

  @Property(tries = 2000)
  void aDamagedBodyIsReadOrRefusedWithMalformed(@ForAll("bodies") byte[] body) {
    Fuzz.run(body, () -> EventBody.decode(body), EventBody.Malformed.class);
  }

  @Example
  void aLyingLengthIsRefusedBeforeAnythingIsAllocated() {
    byte[] b = {1, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertThatThrownBy(() -> EventBody.decode(b))
        .isInstanceOf(EventBody.Malformed.class)
        .hasMessageContaining("a length of 2147483647 where 0 bytes are left");
  }

  @Example
  void anotherVersionAnEmptyBodyAndTrailingBytesAreRefused() {
    assertThatThrownBy(() -> EventBody.decode(new byte[] {2}))
        .hasMessage("unknown event body version 2");
    assertThatThrownBy(() -> EventBody.decode(new byte[0])).hasMessage("an event body cut short");
    byte[] good = samples().getFirst();
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 3);
    assertThatThrownBy(() -> EventBody.decode(longer)).hasMessage("3 bytes after the payload");
  }
}
