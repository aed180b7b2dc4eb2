package dev.outlet.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final Sessions sessions = new Sessions(clock);

  private void advance(Duration d) {
    now.set(now.get().plus(d));
  }

  @Test
  void aSessionHasUnguessableIdsAndItsOwnToken() {
    Sessions.Session a = sessions.open("AKIA1", "arn:aws:iam::1:user/a");
    Sessions.Session b = sessions.open("AKIA1", "arn:aws:iam::1:user/a");
    assertThat(a.id()).hasSize(43).isNotEqualTo(b.id()).isNotEqualTo(a.csrf());
    assertThat(a.csrf()).isNotEqualTo(b.csrf());
    assertThat(sessions.find(a.id()))
        .get()
        .extracting(Sessions.Session::principalArn)
        .isEqualTo("arn:aws:iam::1:user/a");
    assertThat(sessions.find("nope")).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
  }

  @Test
  void anIdleSessionExpiresAndUseKeepsItAlive() {
    Sessions.Session s = sessions.open(null, null);
    advance(Sessions.IDLE.minusMinutes(1));
    assertThat(sessions.find(s.id())).isPresent(); // restarts the idle clock
    advance(Sessions.IDLE.minusMinutes(1));
    assertThat(sessions.find(s.id())).isPresent();
    advance(Sessions.IDLE.plusSeconds(1));
    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void noSessionOutlivesItsMaximumAge() {
    Sessions.Session s = sessions.open(null, null);
    for (int i = 0; i < 13; i++) {
      advance(Duration.ofMinutes(59));
      sessions.find(s.id());
    }
    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void signingOutEndsIt() {
    Sessions.Session s = sessions.open(null, null);
    sessions.close(s.id());
    assertThat(sessions.find(s.id())).isEmpty();
  }
}
