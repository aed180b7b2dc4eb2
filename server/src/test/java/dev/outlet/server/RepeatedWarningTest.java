package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RepeatedWarningTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final RepeatedWarning warning = new RepeatedWarning(now::get);

  @Test
  void theSameMessageIsLoggedOncePerQuietPeriodWithHowOftenItCameMeanwhile() {
    assertThat(warning.line("db away")).isEqualTo("db away");
    assertThat(warning.line("db away")).isNull();
    now.addAndGet(RepeatedWarning.QUIET_NANOS - 1);
    assertThat(warning.line("db away")).isNull();
    now.addAndGet(1);
    assertThat(warning.line("db away"))
        .isEqualTo("db away (and 2 more times since it was last logged)");
    assertThat(warning.line("db away")).isNull();
  }

  @Test
  void anotherMessageIsLoggedAtOnceAndTheFirstAgainAfterIt() {
    assertThat(warning.line("db away")).isEqualTo("db away");
    assertThat(warning.line("owner gone")).isEqualTo("owner gone");
    assertThat(warning.line("db away")).isEqualTo("db away");
    now.addAndGet(RepeatedWarning.QUIET_NANOS);
    assertThat(warning.line("db away")).isEqualTo("db away");
  }
}
