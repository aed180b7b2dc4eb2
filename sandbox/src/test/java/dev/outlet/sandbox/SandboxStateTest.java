package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxStateTest {
  private static final Map<SandboxState, Set<SandboxState>> ALLOWED =
      Map.of(
          SandboxState.STARTING,
          EnumSet.of(
              SandboxState.IDLE, SandboxState.BUSY, SandboxState.STOPPING, SandboxState.FAILED),
          SandboxState.IDLE,
          EnumSet.of(SandboxState.BUSY, SandboxState.STOPPING, SandboxState.FAILED),
          SandboxState.BUSY,
          EnumSet.of(SandboxState.IDLE, SandboxState.STOPPING, SandboxState.FAILED),
          SandboxState.STOPPING,
          EnumSet.of(SandboxState.STOPPED),
          SandboxState.FAILED,
          EnumSet.of(SandboxState.STOPPING),
          SandboxState.STOPPED,
          EnumSet.noneOf(SandboxState.class));

  @Test
  void everyTransitionIsAllowedExactlyWhenTheTableSaysSo() {
    for (SandboxState from : SandboxState.values()) {
      for (SandboxState to : SandboxState.values()) {
        boolean allowed = ALLOWED.get(from).contains(to);
        assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed);
        if (allowed) {
          assertThat(from.check(to)).isEqualTo(to);
        } else {
          assertThatThrownBy(() -> from.check(to)).isInstanceOf(IllegalStateException.class);
        }
      }
    }
  }
}
