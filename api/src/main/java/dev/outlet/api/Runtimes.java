package dev.outlet.api;

import dev.outlet.core.LambdaException;
import java.util.List;
import java.util.Set;

/** Runtime ids: which AWS accepts, which are retired, which Outlet runs. */
final class Runtimes {
  static final List<String> AWS_CURRENT =
      List.of(
          "nodejs18.x",
          "nodejs20.x",
          "nodejs22.x",
          "nodejs24.x",
          "python3.9",
          "python3.10",
          "python3.11",
          "python3.12",
          "python3.13",
          "python3.14",
          "java8.al2",
          "java11",
          "java17",
          "java21",
          "java25",
          "dotnet8",
          "dotnet10",
          "ruby3.2",
          "ruby3.3",
          "ruby3.4",
          "provided.al2",
          "provided.al2023");
  static final Set<String> RETIRED =
      Set.of(
          "go1.x",
          "provided",
          "java8",
          "python3.6",
          "python3.7",
          "python3.8",
          "nodejs12.x",
          "nodejs14.x",
          "nodejs16.x",
          "ruby2.7",
          "dotnetcore3.1",
          "dotnet6");

  /** Ids AWS retired that Outlet still runs: custom runtimes need nothing of AWS's. */
  static final Set<String> KEPT = Set.of("provided", "go1.x");

  private Runtimes() {}

  /**
   * Refuses a runtime id AWS would refuse (unknown, or retired), as AWS words it. Whether this host
   * can run an accepted one is the runtime planner's to say.
   */
  static void check(String runtime) {
    if (KEPT.contains(runtime) || AWS_CURRENT.contains(runtime)) {
      return;
    }
    if (!RETIRED.contains(runtime)) {
      throw LambdaException.invalidParameter(
          "Value "
              + runtime
              + " at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: "
              + AWS_CURRENT
              + " or be a valid ARN");
    }
    throw LambdaException.invalidParameter(
        "The runtime parameter of "
            + runtime
            + " is no longer supported for creating or updating AWS Lambda functions. We"
            + " recommend you use a supported runtime while creating or updating functions.");
  }
}
