package dev.outlet.console;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's signed-in sessions: each an unguessable id (the HttpOnly cookie's value) with its
 * own CSRF token, who signed in, and when it expires: after {@link #IDLE} without a request or
 * {@link #MAX_AGE} after sign-in, whichever comes first. In memory: a restart signs everyone out.
 * Thread-safe.
 */
final class Sessions {
  static final Duration IDLE = Duration.ofHours(1);
  static final Duration MAX_AGE = Duration.ofHours(12);

  /** The most sessions kept; past it the least recently used goes. */
  static final int MAX_SESSIONS = 10_000;

  /**
   * One session.
   *
   * @param accessKeyId the key it signed in with (signs its API calls), null in open mode
   * @param principalArn who signed in, null in open mode (the account's root stands in)
   */
  record Session(
      String id,
      String csrf,
      String accessKeyId,
      String principalArn,
      long createdMillis,
      long lastSeenMillis) {
    Session seen(long now) {
      return new Session(id, csrf, accessKeyId, principalArn, createdMillis, now);
    }
  }

  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();

  Sessions(InstantSource clock) {
    this.clock = clock;
  }

  Session open(String accessKeyId, String principalArn) {
    long now = clock.millis();
    if (byId.size() >= MAX_SESSIONS) {
      byId.values().stream()
          .min(Comparator.comparingLong(Session::lastSeenMillis))
          .ifPresent(s -> byId.remove(s.id()));
    }
    Session s = new Session(token(), token(), accessKeyId, principalArn, now, now);
    byId.put(s.id(), s);
    return s;
  }

  /** The live session with this id, its idle clock restarted; empty when unknown or expired. */
  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    long now = clock.millis();
    Session s = byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (now - s.lastSeenMillis() > IDLE.toMillis()
        || now - s.createdMillis() > MAX_AGE.toMillis()) {
      byId.remove(id, s);
      return Optional.empty();
    }
    Session seen = s.seen(now);
    byId.replace(id, s, seen);
    return Optional.of(seen);
  }

  void close(String id) {
    if (id != null) {
      byId.remove(id);
    }
  }

  private String token() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
