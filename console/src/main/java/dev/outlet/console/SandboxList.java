package dev.outlet.console;

import dev.outlet.invoke.SandboxView;
import java.util.List;

/** {@code /api/sandboxes}: the live execution environments, as the page shows them. */
record SandboxList(List<Item> sandboxes) {

  record Item(
      String id,
      String function,
      String version,
      String state,
      long ageMs,
      int invocations,
      int memoryLimitMb,
      Long memoryUsedMb,
      Double initMs,
      Long idleMs,
      boolean provisioned) {}

  static SandboxList of(List<SandboxView> views) {
    return new SandboxList(
        views.stream()
            .map(
                v ->
                    new Item(
                        v.id(),
                        v.function(),
                        v.version(),
                        v.state().name(),
                        v.ageMillis(),
                        v.invocationsServed(),
                        v.memoryLimitMb(),
                        v.peakMemoryBytes() > 0
                            ? (v.peakMemoryBytes() + (1 << 20) - 1) >> 20
                            : null,
                        v.initMillis() >= 0 ? Math.round(v.initMillis() * 100) / 100.0 : null,
                        v.idleMillis() >= 0 ? v.idleMillis() : null,
                        v.provisioned()))
            .toList());
  }
}
