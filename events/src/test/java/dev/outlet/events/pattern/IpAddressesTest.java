package dev.outlet.events.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IP address literals for {@code cidr}, parsed by hand (never resolved). */
class IpAddressesTest {
  @ParameterizedTest
  @CsvSource({
    "10.0.0.1, 0a000001",
    "255.255.255.255, ffffffff",
    "0.0.0.0, 00000000",
    "::, 00000000000000000000000000000000",
    "::1, 00000000000000000000000000000001",
    "1::, 00010000000000000000000000000000",
    "2001:db8::ff00:42:8329, 20010db8000000000000ff0000428329",
    "2001:DB8:0:0:0:0:0:1, 20010db8000000000000000000000001",
    "::ffff:10.0.0.1, 00000000000000000000ffff0a000001",
    "1:2:3:4:5:6:7::, 00010002000300040005000600070000",
    "1:2:3:4:5:6:1.2.3.4, 00010002000300040005000601020304",
  })
  void parsesLiterals(String text, String hex) {
    assertThat(IpAddresses.parse(text))
        .hasValueSatisfying(b -> assertThat(HexFormat.of().formatHex(b)).isEqualTo(hex));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "10.0.0",
        "10.0.0.256",
        "10.0.0.1.2",
        "10.0.0.-1",
        "1.2.3.4 ",
        "0x1.2.3.4",
        "1.2.3.1000",
        ":::",
        "1::2::3",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "12345::",
        "g::",
        "1.2.3.4::",
        "::1.2.3",
        "localhost",
        "example.com",
      })
  void refusesAnythingElse(String text) {
    assertThat(IpAddresses.parse(text)).isEmpty();
  }
}
