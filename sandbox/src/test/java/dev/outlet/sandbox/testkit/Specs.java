package dev.outlet.sandbox.testkit;

import dev.outlet.core.Architecture;
import dev.outlet.core.LaunchPlan;
import dev.outlet.core.LoggingConfig;
import dev.outlet.sandbox.SandboxSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Sandbox specs for tests (this module's and others'): a provided runtime's bootstrap, or any plan.
 */
public final class Specs {
  private Specs() {}

  /** A provided.al2 function running /var/task/bootstrap from {@code codeRoot}. */
  public static SandboxSpec provided(Path codeRoot, int ephemeralMb) {
    return of(codeRoot, ephemeralMb, bootstrap(codeRoot));
  }

  /** Function {@code function} at spec key {@code key}, running its bootstrap. */
  public static SandboxSpec provided(String function, String key, Path codeRoot) {
    return spec(function, key, 512, codeRoot, bootstrap(codeRoot));
  }

  private static LaunchPlan bootstrap(Path codeRoot) {
    return new LaunchPlan(
        List.of("/var/task/bootstrap"),
        codeRoot.resolve("bootstrap"),
        null,
        null,
        Map.of(),
        List.of(),
        "provided:al2.v1",
        List.of(),
        null,
        null);
  }

  public static SandboxSpec of(Path codeRoot, int ephemeralMb, LaunchPlan plan) {
    return spec("fn", "k", ephemeralMb, codeRoot, plan);
  }

  private static SandboxSpec spec(
      String function, String key, int ephemeralMb, Path codeRoot, LaunchPlan plan) {
    return new SandboxSpec(
        key,
        function,
        "$LATEST",
        "provided.al2",
        "main",
        128,
        3,
        ephemeralMb,
        Architecture.X86_64,
        codeRoot,
        null,
        plan,
        Map.of(),
        LoggingConfig.DEFAULT,
        "us-east-1");
  }
}
