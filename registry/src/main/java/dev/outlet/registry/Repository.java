package dev.outlet.registry;

import java.time.Instant;

/**
 * A repository's settings (immutable; a change makes a new one).
 *
 * @param name its name
 * @param region the region it was created in (its ARN's)
 * @param createdAt when
 * @param immutableTags whether a tag, once pushed, may not move ({@code IMMUTABLE})
 * @param scanOnPush stored and reported; Outlet scans nothing
 * @param lifecyclePolicy the lifecycle policy text as put, or null; stored, not applied
 */
public record Repository(
    String name,
    String region,
    Instant createdAt,
    boolean immutableTags,
    boolean scanOnPush,
    String lifecyclePolicy) {

  public Repository withImmutableTags(boolean immutable) {
    return new Repository(name, region, createdAt, immutable, scanOnPush, lifecyclePolicy);
  }

  public Repository withLifecyclePolicy(String policy) {
    return new Repository(name, region, createdAt, immutableTags, scanOnPush, policy);
  }

  public String mutability() {
    return immutableTags ? "IMMUTABLE" : "MUTABLE";
  }
}
