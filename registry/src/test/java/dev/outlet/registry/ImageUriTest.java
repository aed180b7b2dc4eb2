package dev.outlet.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageUriTest {
  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void outletsAndEcrsHostsTagsAndDigestsAreSplit() {
    assertThat(ImageUri.parse("127.0.0.1:9000/apps/hello:v1"))
        .contains(new ImageUri(Optional.of("127.0.0.1:9000"), "apps/hello", "v1"));
    assertThat(ImageUri.parse("123456789012.dkr.ecr.us-east-1.amazonaws.com/fn@" + DIGEST))
        .contains(
            new ImageUri(
                Optional.of("123456789012.dkr.ecr.us-east-1.amazonaws.com"), "fn", DIGEST));
    assertThat(ImageUri.parse("localhost/fn:latest"))
        .contains(new ImageUri(Optional.of("localhost"), "fn", "latest"));
    assertThat(ImageUri.parse("team/fn:latest"))
        .as("a first segment without a dot, a colon or localhost is part of the name")
        .contains(new ImageUri(Optional.empty(), "team/fn", "latest"));
    assertThat(ImageUri.parse("127.0.0.1:9000/fn@" + DIGEST).orElseThrow().byDigest()).isTrue();
    assertThat(ImageUri.parse("127.0.0.1:9000/fn:v1").orElseThrow().repositoryUri("x"))
        .isEqualTo("127.0.0.1:9000/fn");
    assertThat(ImageUri.parse("fn:v1").orElseThrow().repositoryUri("127.0.0.1:9"))
        .isEqualTo("127.0.0.1:9/fn");
  }

  @Test
  void aUriWithoutATagOrDigestOrWithABadOneIsRefused() {
    assertThat(ImageUri.parse("127.0.0.1:9000/fn")).as("no tag: AWS refuses it too").isEmpty();
    assertThat(ImageUri.parse("127.0.0.1:9000/fn@sha256:nothex")).isEmpty();
    assertThat(ImageUri.parse("127.0.0.1:9000/Fn:v1")).as("upper case name").isEmpty();
    assertThat(ImageUri.parse("127.0.0.1:9000/fn:")).isEmpty();
    assertThat(ImageUri.parse(":v1")).isEmpty();
    assertThat(ImageUri.parse("")).isEmpty();
  }
}
