package dev.outlet.sandbox;

import java.util.Map;

/**
 * The credentials a new sandbox gets for its function's execution role, as environment variables
 * ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}, and where
 * the SDKs find Outlet's endpoint). Asked once per sandbox, on the cold start: implementations
 * answer from a cache.
 */
@FunctionalInterface
public interface SandboxCredentials {
  /** No credentials at all. */
  SandboxCredentials NONE = spec -> Map.of();

  Map<String, String> environment(SandboxSpec spec);
}
