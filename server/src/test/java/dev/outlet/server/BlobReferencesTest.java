package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlobReferencesTest {
  @Test
  void everySha256HexAnywhereInARecordIsCollected() throws IOException {
    Set<String> live = new HashSet<>();
    BlobReferences.collect(
        """
        {"name":"f","code":{"sha256Hex":"aa","size":3},
         "layers":[{"arn":"x","code":{"sha256Hex":"bb"}},{"code":{"sha256Hex":null}}],
         "note":"sha256Hex","other":{"sha256Hex":12}}
        """,
        live);
    BlobReferences.collect("{\"code\":{\"sha256Hex\":\"cc\"}}", live);
    assertThat(live).containsExactlyInAnyOrder("aa", "bb", "cc");
  }

  @Test
  void aRecordThatIsNotJsonStopsTheCollection() {
    assertThatThrownBy(() -> BlobReferences.collect("{\"code\":{\"sha256Hex\":", new HashSet<>()))
        .isInstanceOf(IOException.class);
  }
}
