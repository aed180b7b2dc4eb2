package dev.outlet.sandbox;

import dev.outlet.core.Architecture;
import dev.outlet.core.LaunchPlan;
import dev.outlet.core.LoggingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Sandbox specs for tests: a provided runtime's bootstrap, or any plan. */
final class Specs {
  private Specs() {}

  /** A provided.al2 function running /var/task/bootstrap from {@code codeRoot}. */
  static SandboxSpec provided(Path codeRoot, int ephemeralMb) {
    return of(
        codeRoot,
        ephemeralMb,
        new LaunchPlan(
            List.of("/var/task/bootstrap"),
            codeRoot.resolve("bootstrap"),
            null,
            null,
            Map.of(),
            List.of(),
            "provided:al2.v1",
            List.of(),
            null,
            null));
  }

  static SandboxSpec of(Path codeRoot, int ephemeralMb, LaunchPlan plan) {
    return new SandboxSpec(
        "k",
        "fn",
        "$LATEST",
        "provided.al2",
        "main",
        128,
        3,
        ephemeralMb,
        Architecture.X86_64,
        codeRoot,
        plan,
        Map.of(),
        LoggingConfig.DEFAULT,
        "us-east-1");
  }
}
