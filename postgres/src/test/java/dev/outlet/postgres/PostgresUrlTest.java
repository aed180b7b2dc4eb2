package dev.outlet.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {
  @Test
  void readsLibpqsFormWithDefaultPort() {
    PostgresUrl u = PostgresUrl.parse("postgresql://outlet@db.internal/lambda");
    assertThat(u)
        .isEqualTo(new PostgresUrl("outlet", null, "db.internal", 5432, "lambda", Map.of()));
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/lambda");
  }

  @Test
  void readsPasswordPortParametersAndEscapes() {
    PostgresUrl u =
        PostgresUrl.parse("postgres://me:p%40ss+word@127.0.0.1:6543/db_1?sslmode=require");
    assertThat(u.user()).isEqualTo("me");
    assertThat(u.password()).isEqualTo("p@ss+word");
    assertThat(u.port()).isEqualTo(6543);
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:6543/db_1?sslmode=require");
    assertThat(u.toString()).isEqualTo("postgresql://me@127.0.0.1:6543/db_1");
  }

  @Test
  void takesTheUserFromAParameterAndAnIpv6Host() {
    PostgresUrl u = PostgresUrl.parse("postgresql://[::1]:5432/db?user=outlet&password=x");
    assertThat(u.host()).isEqualTo("[::1]");
    assertThat(u.user()).isEqualTo("outlet");
    assertThat(u.password()).isEqualTo("x");
    assertThat(u.parameters()).isEmpty();
  }

  @Test
  void refusesWhatIsNotAnAddressAndNeverEchoesThePassword() {
    assertThatThrownBy(() -> PostgresUrl.parse("mysql://u@h/db"))
        .hasMessageContaining("the scheme must be postgresql://");
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://u@h"))
        .hasMessageContaining("no database name");
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://h/db"))
        .hasMessageContaining("no user");
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://u:secret@h/db?broken"))
        .hasMessageContaining("not name=value")
        .hasMessageNotContaining("secret");
  }
}
