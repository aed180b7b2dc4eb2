package dev.outlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CodeLinksTest {
  private static final String SHA = "ab".repeat(32);

  private static String param(String link, String name) {
    return link.replaceAll(".*[?&]" + name + "=([^&]*).*", "$1");
  }

  @Test
  void aLinkWorksForTenMinutesForItsPackageOnly() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-04T10:00:00Z"));
    CodeLinks links = new CodeLinks("http://127.0.0.1:9070", now::get);
    String link = links.link(SHA);
    assertThat(link).startsWith("http://127.0.0.1:9070/_outlet/code/" + SHA + ".zip?");
    String expires = param(link, "X-Outlet-Expires");
    String signature = param(link, "X-Outlet-Signature");
    assertThat(links.valid(SHA, expires, signature)).isTrue();
    assertThat(links.valid("cd".repeat(32), expires, signature)).isFalse();
    assertThat(links.valid(SHA, Long.toString(Long.parseLong(expires) + 60), signature)).isFalse();
    assertThat(links.valid(SHA, expires, null)).isFalse();
    assertThat(links.valid(SHA, "soon", signature)).isFalse();
    now.set(now.get().plusSeconds(600));
    assertThat(links.valid(SHA, expires, signature)).isTrue();
    now.set(now.get().plusSeconds(1));
    assertThat(links.valid(SHA, expires, signature)).isFalse();
  }

  @Test
  void anotherServersLinksAreNotValidHere() {
    InstantSource clock = InstantSource.fixed(Instant.parse("2026-12-04T10:00:00Z"));
    String link = new CodeLinks("http://h:1", clock).link(SHA);
    assertThat(
            new CodeLinks("http://h:1", clock)
                .valid(SHA, param(link, "X-Outlet-Expires"), param(link, "X-Outlet-Signature")))
        .isFalse();
  }
}
