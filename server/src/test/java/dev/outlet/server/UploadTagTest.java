package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UploadTagTest {
  private static final UploadTag CLUSTER =
      new UploadTag(
          new PeerWire.Key("the cluster's secret, 32 bytes!!".getBytes(StandardCharsets.UTF_8)));

  @Test
  void aNodesTagNamesItsAddressAndFitsInAnUploadIdsPathSegment() {
    for (String address : new String[] {"127.0.0.1:4567", "[::1]:9001", "node-7.internal:80"}) {
      String tag = CLUSTER.of(address);
      assertThat(tag).matches("[A-Za-z0-9_-]+");
      assertThat(CLUSTER.address(tag)).isEqualTo(address);
    }
  }

  @Test
  void aTagAClientMadeOrAlteredNamesNothing() {
    String tag = CLUSTER.of("127.0.0.1:4567");
    String forged =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("169.254.169.254:80".getBytes(StandardCharsets.UTF_8))
            + tag.substring(tag.length() - 43);
    assertThat(CLUSTER.address(forged)).isNull();
    UploadTag stranger =
        new UploadTag(
            new PeerWire.Key("another cluster's secret, 32 byte".getBytes(StandardCharsets.UTF_8)));
    assertThat(CLUSTER.address(stranger.of("127.0.0.1:4567"))).isNull();
    char last = tag.charAt(tag.length() - 1);
    assertThat(CLUSTER.address(tag.substring(0, tag.length() - 1) + (last == 'A' ? 'B' : 'A')))
        .isNull();
    assertThat(CLUSTER.address("")).isNull();
    assertThat(CLUSTER.address(null)).isNull();
    assertThat(CLUSTER.address("!!not base64!!" + tag.substring(tag.length() - 43))).isNull();
    assertThat(CLUSTER.address("x".repeat(10_000))).isNull();
  }
}
