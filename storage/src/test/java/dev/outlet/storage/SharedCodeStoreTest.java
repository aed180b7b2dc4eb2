package dev.outlet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.BlobStore;
import dev.outlet.core.CodeRef;
import dev.outlet.core.LambdaException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' code stores over one shared blob folder: what one stores, the other runs, fetched and
 * checked by its digest; a damaged blob is refused; a package the user must fix is refused with
 * AWS's error before anything is shared.
 */
class SharedCodeStoreTest {
  @TempDir Path root;

  private SharedCodeStore node(String name, BlobStore blobs) {
    return new SharedCodeStore(ZipCodeStore.create(root.resolve(name)), blobs);
  }

  @Test
  void aPackageStoredOnOneNodeIsFetchedAndExtractedOnAnother() throws Exception {
    try (DirectoryBlobStore blobs = DirectoryBlobStore.open(root.resolve("shared"))) {
      byte[] zip = TestZips.zip().file("lambda_function.py", "x = 1\n", 0644).bytes();
      CodeRef ref = node("a", blobs).store(zip);
      assertThat(blobs.exists(ref.sha256Hex())).isTrue();

      SharedCodeStore b = node("b", blobs);
      Path tree = b.root(ref);
      assertThat(tree).startsWith(root.resolve("b"));
      assertThat(Files.readString(tree.resolve("lambda_function.py"))).isEqualTo("x = 1\n");
      assertThat(Files.readAllBytes(b.zip(ref))).isEqualTo(zip);
    }
  }

  @Test
  void aDamagedBlobIsRefusedAndNothingIsExtracted() throws Exception {
    try (DirectoryBlobStore blobs = DirectoryBlobStore.open(root.resolve("shared"))) {
      byte[] zip = TestZips.zip().file("lambda_function.py", "x = 1\n", 0644).bytes();
      CodeRef ref = node("a", blobs).store(zip);
      Path file =
          root.resolve("shared/sha256")
              .resolve(ref.sha256Hex().substring(0, 2))
              .resolve(ref.sha256Hex());
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length / 2] ^= 1;
      Files.write(file, bytes);

      SharedCodeStore b = node("b", blobs);
      assertThatThrownBy(() -> b.root(ref))
          .isInstanceOf(UncheckedIOException.class)
          .hasRootCauseInstanceOf(BlobStore.Corrupt.class)
          .hasMessageContaining(ref.sha256Hex());
      assertThat(Files.exists(root.resolve("b/code").resolve(ref.sha256Hex()))).isFalse();
    }
  }

  @Test
  void aBadPackageIsRefusedWithAwsErrorAndNotShared() throws Exception {
    try (DirectoryBlobStore blobs = DirectoryBlobStore.open(root.resolve("shared"))) {
      assertThatThrownBy(() -> node("a", blobs).store("not a zip".getBytes()))
          .isInstanceOf(LambdaException.class);
      try (var listed = Files.walk(root.resolve("shared/sha256"))) {
        assertThat(listed.filter(Files::isRegularFile)).isEmpty();
      }
    }
  }
}
