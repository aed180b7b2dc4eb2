package dev.outlet.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The sign-in body comes from the network: any bytes give a key or a message, never a throw. */
class SignInParseTest {
  @Property(tries = 3000)
  void anyBytesAreAKeyOrAMessage(@ForAll("bodies") byte[] body) {
    SessionEndpoint.SignIn r = SessionEndpoint.parse(body);
    assertThat(r).isNotNull();
    if (r instanceof SessionEndpoint.SignIn.Key k) {
      assertThat(k.accessKeyId()).isNotBlank();
      assertThat(k.secret()).isNotBlank();
      assertThat(k.toString()).doesNotContain(k.secret().length() > 3 ? k.secret() : "\u0000");
    }
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<String> json =
        Arbitraries.of(
            "{\"accessKeyId\":\"AKIA1\",\"secretAccessKey\":\"s3cret\"}",
            "{\"accessKeyId\":1,\"secretAccessKey\":[]}",
            "[]",
            "null",
            "",
            "{",
            "{\"accessKeyId\":\" \",\"secretAccessKey\":\"x\"}",
            "{\"accessKeyId\":{\"a\":1},\"secretAccessKey\":\"x\"}",
            "\"text\"");
    return Arbitraries.oneOf(
        json.map(j -> j.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
        json.map(
            j -> {
              byte[] b = j.getBytes(StandardCharsets.UTF_8);
              return java.util.Arrays.copyOf(b, Math.max(0, b.length / 2));
            }));
  }

  @Property(tries = 1)
  void aWellFormedBodyIsAKey() {
    assertThat(
            SessionEndpoint.parse(
                "{\"accessKeyId\":\" AKIA1 \",\"secretAccessKey\":\"s\"}"
                    .getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new SessionEndpoint.SignIn.Key("AKIA1", "s"));
    assertThat(SessionEndpoint.parse("{\"accessKeyId\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SessionEndpoint.SignIn.Invalid.class);
  }
}
