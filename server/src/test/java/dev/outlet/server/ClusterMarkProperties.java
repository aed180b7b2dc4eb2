package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What a client puts where a node reads a mark of its cluster (an upload id's tag, a relayed
 * request's {@code X-Outlet-Relayed}) is read without an exception, and only a mark the cluster
 * made names anything.
 */
class ClusterMarkProperties {
  private static final PeerWire.Key KEY =
      new PeerWire.Key("the cluster's secret, 32 bytes!!".getBytes(StandardCharsets.UTF_8));
  private static final UploadTag TAGS = new UploadTag(KEY);
  private static final RelayedFor RELAYED = new RelayedFor(KEY);

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(120),
        Arbitraries.strings().withChars("ABCxyz019-_=+/. :").ofMaxLength(120),
        Arbitraries.strings().withChars("A-_").ofMinLength(40).ofMaxLength(90),
        Arbitraries.just("A".repeat(5_000)));
  }

  /** What a node's address may be: any printable ASCII (a host, a port, brackets). */
  @Provide
  Arbitrary<String> addresses() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(80);
  }

  @Property(tries = 3000)
  void anyTagIsReadWithoutAnExceptionAndNamesNothingTheClusterDidNotSign(
      @ForAll("noise") String tag) {
    assertThat(TAGS.address(tag)).isNull();
  }

  @Property(tries = 2000)
  void aNodesTagWithOneCharacterChangedNamesNothing(
      @ForAll("addresses") String address, @ForAll int where, @ForAll char with) {
    String tag = TAGS.of(address);
    assertThat(TAGS.address(tag)).isEqualTo(address);
    int at = Math.floorMod(where, tag.length());
    String changed = tag.substring(0, at) + with + tag.substring(at + 1);
    if (!changed.equals(tag)) {
      assertThat(TAGS.address(changed)).isNull();
    }
  }

  @Property(tries = 3000)
  void anyRelayedMarkIsReadWithoutAnExceptionAndVouchesForNothingUnsigned(
      @ForAll("noise") String mark, @ForAll("noise") String uri) {
    assertThat(RELAYED.verified(mark, "POST", uri, null, null)).isNull();
  }
}
