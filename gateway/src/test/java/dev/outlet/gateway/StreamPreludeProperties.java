package dev.outlet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.edge.testkit.Fuzz;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A streamed Function URL response's prelude (function output, so untrusted): split from the body
 * wherever the stream's chunks fall, and read into a head or refused as malformed, never anything
 * else; fuzzed.
 */
class StreamPreludeProperties {
  private static final List<byte[]> PRELUDES =
      List.of(
          bytes("{\"statusCode\":201,\"headers\":{\"X-A\":\"1\"},\"cookies\":[\"a=1\",\"b=2\"]}"),
          bytes("{\"headers\":{\"Content-Type\":\"text/html\"}}"),
          bytes("{\"statusCode\":\"404\",\"multiValueHeaders\":{\"X-M\":[\"a\",\"b\"]}}"),
          bytes("{}"));

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Provide
  Arbitrary<byte[]> preludes() {
    return Fuzz.mutationsOf(PRELUDES);
  }

  @Property(tries = 2000)
  void aPreludeIsReadOrRefusedAsMalformed(@ForAll("preludes") byte[] prelude) {
    Fuzz.Outcome<ProxyResponse> outcome =
        Fuzz.run(prelude, () -> ProxyResponse.prelude(prelude), ProxyResponse.Malformed.class);
    if (outcome instanceof Fuzz.Outcome.Parsed<ProxyResponse> parsed) {
      assertThat(parsed.value().status()).isBetween(100, 599);
      assertThat(parsed.value().body()).isEmpty();
    }
  }

  @Property(tries = 1000)
  void theSplitIsTheSameHoweverTheStreamIsCut(
      @ForAll("preludes") byte[] candidate,
      @ForAll @Size(max = 200) byte[] body,
      @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 40) Integer> cuts)
      throws Exception {
    byte[] prelude = withoutNuls(candidate);
    Assume.that(prelude.length <= PreludeSplitter.MAX_PRELUDE); // longer: the property below
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    whole.writeBytes(prelude);
    whole.writeBytes(new byte[8]);
    whole.writeBytes(body);
    byte[] all = whole.toByteArray();
    PreludeSplitter splitter = new PreludeSplitter();
    PreludeSplitter.Split split = null;
    ByteArrayOutputStream after = new ByteArrayOutputStream();
    int at = 0;
    int i = 0;
    while (at < all.length) {
      int n = Math.min(cuts.get(i++ % cuts.size()), all.length - at);
      byte[] chunk = Arrays.copyOfRange(all, at, at + n);
      at += n;
      if (split == null) {
        split = splitter.feed(chunk);
        if (split != null) {
          after.writeBytes(split.rest());
        }
      } else {
        after.writeBytes(chunk);
      }
    }
    assertThat(split).as("the eight NULs were found").isNotNull();
    assertThat(split.prelude()).isEqualTo(prelude);
    assertThat(after.toByteArray()).isEqualTo(body);
  }

  @Property(tries = 200)
  void aPreludeThatNeverEndsIsRefusedPastItsLimit(
      @ForAll @IntRange(min = 1, max = 9000) int chunk) {
    PreludeSplitter splitter = new PreludeSplitter();
    byte[] piece = new byte[chunk];
    Arrays.fill(piece, (byte) 'x');
    assertThatThrownBy(
            () -> {
              for (int fed = 0; fed <= PreludeSplitter.MAX_PRELUDE + 8; fed += chunk) {
                assertThat(splitter.feed(piece)).isNull();
              }
            })
        .isInstanceOf(ProxyResponse.Malformed.class);
  }

  @Property(tries = 1)
  void aPreludeGivesItsHead() throws Exception {
    ProxyResponse p = ProxyResponse.prelude(PRELUDES.getFirst());
    assertThat(p.status()).isEqualTo(201);
    assertThat(p.headers())
        .containsExactly(
            Map.entry("X-A", "1"), Map.entry("Set-Cookie", "a=1"), Map.entry("Set-Cookie", "b=2"));
    assertThat(ProxyResponse.prelude(bytes("{}")).status()).isEqualTo(200);
    assertThatThrownBy(() -> ProxyResponse.prelude(bytes("[1]")))
        .isInstanceOf(ProxyResponse.Malformed.class);
  }

  /** {@code b} with every NUL byte replaced (JSON text holds none; the body may). */
  private static byte[] withoutNuls(byte[] b) {
    byte[] out = b.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 0) {
        out[i] = ' ';
      }
    }
    return out;
  }
}
