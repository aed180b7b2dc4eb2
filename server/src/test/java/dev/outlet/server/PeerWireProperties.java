package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What reaches a peer port or comes back from one is read without an exception, whatever it is:
 * random headers, a signed request with one header replaced by noise, any status.
 */
class PeerWireProperties {
  private static final List<String> NAMES =
      List.of(
          PeerWire.REGION,
          PeerWire.FUNCTION,
          PeerWire.VERSION,
          PeerWire.REQUEST_ID,
          PeerWire.ARN,
          PeerWire.CONTEXT,
          PeerWire.TAIL,
          PeerWire.TIME,
          PeerWire.SIGNATURE,
          PeerWire.OUTCOME,
          PeerWire.EXECUTED,
          PeerWire.LOG,
          PeerWire.CONTENT_TYPE,
          PeerWire.ERROR_TYPE,
          PeerWire.CAUSE,
          PeerWire.REFUSED,
          PeerWire.REASON);

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(25),
        Arbitraries.of("", "1", "success", "failure", "TIMEOUT", "-", "=", "AAAA"),
        Arbitraries.just("x".repeat(PeerWire.MAX_FIELD + 1)));
  }

  @Property(tries = 2000)
  void aMutatedRequestIsInvalidNeverAnException(
      @ForAll("noise") String value, @ForAll int which, @ForAll byte[] payload) {
    Map<String, String> h =
        new HashMap<>(
            PeerWire.request(PeerWireTest.call(), payload, PeerWireTest.NOW, PeerWireTest.KEY));
    String name = NAMES.get(Math.floorMod(which, 9));
    h.put(name, value);
    var read = PeerWire.readRequest(h::get, payload, PeerWireTest.NOW, PeerWireTest.KEY);
    if (read instanceof PeerWire.Read.Valid<PeerWire.Call>) {
      // only the value it was signed with passes
      assertThat(value)
          .isEqualTo(
              PeerWire.request(PeerWireTest.call(), payload, PeerWireTest.NOW, PeerWireTest.KEY)
                  .get(name));
    }
  }

  @Property(tries = 2000)
  void anyAnswerIsReadWithoutAnException(
      @ForAll("headers") Map<String, String> headers, @ForAll int status, @ForAll byte[] body) {
    var read = PeerWire.readAnswer(status, headers::get, body, "req-1", PeerWireTest.KEY);
    assertThat(read).isInstanceOf(PeerWire.Read.Invalid.class); // unsigned: never believed
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    return Arbitraries.maps(Arbitraries.of(NAMES), noise()).ofMaxSize(NAMES.size());
  }
}
