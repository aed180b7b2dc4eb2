package dev.outlet.api;

import dev.outlet.api.model.SnapStart;
import dev.outlet.core.LambdaException;
import dev.outlet.core.SnapStartApplyOn;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request's {@code SnapStart} with AWS's messages: the {@code ApplyOn} enum, and the runtimes
 * SnapStart is offered for (Java 11 and later, Python 3.12 and later, .NET 8 and later). Pure.
 */
final class SnapStartRules {
  private static final Pattern VERSIONED = Pattern.compile("(java|python3\\.|dotnet)(\\d+)");

  private SnapStartRules() {}

  /** {@code SnapStart.ApplyOn}, or {@code fallback} when the request has no SnapStart. */
  static SnapStartApplyOn applyOn(SnapStart request, SnapStartApplyOn fallback) {
    if (request == null) {
      return fallback;
    }
    if (request.applyOn() == null) {
      return SnapStartApplyOn.NONE;
    }
    return SnapStartApplyOn.fromWire(request.applyOn())
        .orElseThrow(
            () ->
                LambdaException.validation(
                    request.applyOn(),
                    "snapStart.applyOn",
                    "Member must satisfy enum value set: [PublishedVersions, None]"));
  }

  /** Refuses SnapStart on a runtime Lambda does not offer it for, as AWS words it. */
  static void check(String runtime, SnapStartApplyOn applyOn) {
    if (applyOn == SnapStartApplyOn.PUBLISHED_VERSIONS && !supports(runtime)) {
      throw LambdaException.invalidParameter(
          runtime + " is not supported for SnapStart enabled functions.");
    }
  }

  /** Whether Lambda offers SnapStart for {@code runtime}. */
  static boolean supports(String runtime) {
    Matcher m = VERSIONED.matcher(runtime == null ? "" : runtime);
    if (!m.matches()) {
      return false;
    }
    int version = Integer.parseInt(m.group(2));
    return switch (m.group(1)) {
      case "java" -> version >= 11;
      case "python3." -> version >= 12;
      default -> version >= 8; // dotnet
    };
  }
}
