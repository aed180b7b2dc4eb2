package dev.outlet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.BlobStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store contract on a folder, and its sweep of unfinished puts. */
class DirectoryBlobStoreTest extends BlobStoreContract {
  @TempDir Path dir;

  @Override
  protected void freshStore() {
    // the test's own temporary folder
  }

  @Override
  protected BlobStore openStore() {
    try {
      return DirectoryBlobStore.open(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void damage(String sha256) throws IOException {
    try (RandomAccessFile f =
        new RandomAccessFile(((DirectoryBlobStore) store).path(sha256).toFile(), "rw")) {
      int b = f.read();
      f.seek(0);
      f.write(b ^ 0xff);
    }
  }

  @Test
  void whatACrashLeftHalfWrittenIsSweptAtOpen() throws IOException {
    Path left = Files.writeString(dir.resolve("incoming").resolve("half"), "partial");
    open();
    assertThat(left).doesNotExist();
  }
}
