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
  void whatACrashLeftHalfWrittenIsSweptAtOpenButNotAnotherNodesPutInProgress() throws IOException {
    Path left = Files.writeString(dir.resolve("incoming").resolve("half"), "partial");
    Files.setLastModifiedTime(
        left,
        java.nio.file.attribute.FileTime.fromMillis(
            System.currentTimeMillis() - DirectoryBlobStore.STALE_INCOMING.toMillis() - 1000));
    Path writing = Files.writeString(dir.resolve("incoming").resolve("writing"), "in progress");
    open();
    assertThat(left).doesNotExist();
    assertThat(writing).as("a node sharing the folder is writing it").exists();
  }
}
