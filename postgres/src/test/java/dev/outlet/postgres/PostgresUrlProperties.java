package dev.outlet.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Any text given as {@code --store} gives an address or the parser's declared error. */
class PostgresUrlProperties {
  @Property(tries = 2000)
  void anyTextIsAnAddressOrAClearRefusal(@ForAll String text) {
    check("postgresql://" + text);
    check(text);
  }

  @Property(tries = 2000)
  void mutatedAddressesAreAddressesOrClearRefusals(
      @ForAll String user, @ForAll String host, @ForAll String db, @ForAll String query) {
    check("postgresql://" + user + "@" + host + "/" + db + "?" + query);
  }

  private static void check(String text) {
    try {
      PostgresUrl u = PostgresUrl.parse(text);
      assertThat(u.jdbcUrl()).startsWith("jdbc:postgresql://");
      assertThat(u.user()).isNotEmpty();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
