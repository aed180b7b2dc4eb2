package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@code outlet doctor} and the start-up line say about sandboxes' networks. */
class ProtectionsNetworkTest {
  private static Protections with(SandboxNetwork network) {
    return new Protections(
        Path.of("/usr/bin/bwrap"), null, null, "none", null, null, true, network);
  }

  private static Protections.Row row(Protections p, String prefix) {
    return p.table().stream()
        .filter(r -> r.protection().startsWith(prefix))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aHostThatCannotSeparateSandboxesNetworksSaysWhatIsNotEnforcedAndWhy() {
    Protections p =
        with(
            SandboxNetwork.probe(
                SandboxNetwork.Mode.EGRESS, true, false, SandboxNetwork.DEFAULT_SLIRP4NETNS));
    Protections.Row own = row(p, "own network");
    assertThat(own.active()).isFalse();
    assertThat(own.detail()).startsWith("NOT ENFORCED").contains("not root");
    assertThat(row(p, "egress").active()).isTrue();
    assertThat(p.summary()).contains("network: shared with the host (Outlet is not root");
  }

  @Test
  void noneKeepsTheSandboxesOwnNetworksAndTurnsEgressOff() {
    Protections p = with(SandboxNetwork.probe(SandboxNetwork.Mode.NONE, true, true, null));
    assertThat(row(p, "own network").active()).isTrue();
    Protections.Row egress = row(p, "egress");
    assertThat(egress.active()).isFalse();
    assertThat(egress.detail()).contains("--sandbox-network none");
    assertThat(p.summary()).contains("network: own namespace, no egress");
  }
}
