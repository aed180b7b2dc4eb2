package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RelayedForTest {
  private static final RelayedFor CLUSTER =
      new RelayedFor(
          new PeerWire.Key("the cluster's secret, 32 bytes!!".getBytes(StandardCharsets.UTF_8)));
  private static final String AUTH =
      "AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/sqs/aws4_request, Signature=ab";

  @Test
  void theOwnerReadsTheCallersAddressFromAMarkTheClusterMade() {
    String mark = CLUSTER.mark("10.1.2.3", "POST", "/", AUTH, "20261207T101010Z");
    assertThat(CLUSTER.verified(mark, "POST", "/", AUTH, "20261207T101010Z")).isEqualTo("10.1.2.3");
    String v6 = CLUSTER.mark("::1", "POST", "/q", null, null);
    assertThat(CLUSTER.verified(v6, "POST", "/q", null, null)).isEqualTo("::1");
  }

  @Test
  void aMarkMovedToAnotherRequestAlteredOrMadeWithoutTheSecretVouchesForNothing() {
    String mark = CLUSTER.mark("10.1.2.3", "POST", "/", AUTH, "20261207T101010Z");
    assertThat(CLUSTER.verified(mark, "POST", "/", AUTH + "c", "20261207T101010Z")).isNull();
    assertThat(CLUSTER.verified(mark, "POST", "/other", AUTH, "20261207T101010Z")).isNull();
    assertThat(
            CLUSTER.verified(
                mark.replace("10.1.2.3", "10.1.2.4"), "POST", "/", AUTH, "20261207T101010Z"))
        .isNull();
    RelayedFor stranger =
        new RelayedFor(
            new PeerWire.Key("another cluster's secret, 32 byte".getBytes(StandardCharsets.UTF_8)));
    assertThat(
            CLUSTER.verified(
                stranger.mark("10.1.2.3", "POST", "/", AUTH, "20261207T101010Z"),
                "POST",
                "/",
                AUTH,
                "20261207T101010Z"))
        .isNull();
    assertThat(CLUSTER.verified("1", "POST", "/", AUTH, null)).as("a bare marker").isNull();
    assertThat(
            CLUSTER.verified(CLUSTER.mark(null, "POST", "/", AUTH, null), "POST", "/", AUTH, null))
        .as("no address known: the connection's stays")
        .isNull();
  }
}
