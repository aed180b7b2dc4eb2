package dev.outlet.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class StreamedErrorTest {
  private static HttpHeaders trailers(String type, String body) {
    HttpHeaders h = new DefaultHttpHeaders();
    if (type != null) {
      h.add(StreamedError.TYPE, type);
    }
    if (body != null) {
      h.add(StreamedError.BODY, body);
    }
    return h;
  }

  @Test
  void theBodyTrailerIsTheErrorDocumentAsTheRuntimeSentIt() {
    String doc = "{\"errorType\":\"Error\",\"errorMessage\":\"boom\"}";
    byte[] error =
        StreamedError.of(
            trailers(
                "Error", Base64.getEncoder().encodeToString(doc.getBytes(StandardCharsets.UTF_8))));
    assertThat(new String(error, StandardCharsets.UTF_8)).isEqualTo(doc);
  }

  @Test
  void aTypeWithoutAReadableBodyStillFailsTheInvocation() {
    assertThat(new String(StreamedError.of(trailers("Custom.Type", null)), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"errorType\":\"Custom.Type\",\"errorMessage\":\"The response stream ended with an"
                + " error.\"}");
    assertThat(new String(StreamedError.of(trailers(null, "%%%")), StandardCharsets.UTF_8))
        .contains("\"errorType\":\"Runtime.Unknown\"");
  }

  @Test
  void noErrorTrailersMeanTheStreamEndedWell() {
    assertThat(StreamedError.of(EmptyHttpHeaders.INSTANCE)).isNull();
    assertThat(StreamedError.of(trailers(null, null))).isNull();
  }
}
