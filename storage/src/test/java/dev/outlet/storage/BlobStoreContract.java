package dev.outlet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link BlobStore}, run against each implementation (a folder here, large
 * objects in the postgres module). A second {@link #open} is another node over the same storage.
 */
public abstract class BlobStoreContract extends StoreContract<BlobStore> {
  private static final long LIMIT = 16L * 1024 * 1024;

  /** Changes one byte of a stored blob, as a damaged disk would. */
  protected abstract void damage(String sha256) throws Exception;

  @Override
  protected void closeStore(BlobStore s) {
    s.close();
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String sha256(byte[] b) {
    return HexFormat.of().formatHex(Sha256Streams.digest().digest(b));
  }

  private static byte[] read(BlobStore s, String sha256) throws IOException {
    try (InputStream in = s.open(sha256)) {
      return in.readAllBytes();
    }
  }

  @Test
  public void aBlobIsNamedByItsSha256AndReadBackWholeByAnotherNode() throws Exception {
    byte[] bytes = random(5 * 1024 * 1024 + 7, 1);
    String name = store.put(new ByteArrayInputStream(bytes), LIMIT);
    assertThat(name).isEqualTo(sha256(bytes));
    BlobStore other = open();
    assertThat(other.exists(name)).isTrue();
    assertThat(read(other, name)).isEqualTo(bytes);
  }

  @Test
  public void theSameBytesPutTwiceAreOneBlob() throws Exception {
    byte[] bytes = random(1000, 2);
    String a = store.put(new ByteArrayInputStream(bytes), LIMIT);
    String b = open().put(new ByteArrayInputStream(bytes), LIMIT);
    assertThat(a).isEqualTo(b);
    assertThat(store.delete(a)).isTrue();
    assertThat(store.exists(a)).isFalse();
    assertThat(store.delete(a)).isFalse();
  }

  @Test
  public void aPutOverItsLimitIsRefusedAndLeavesNothing() throws Exception {
    byte[] bytes = random(10_001, 3);
    assertThatThrownBy(() -> store.put(new ByteArrayInputStream(bytes), 10_000))
        .isInstanceOf(BlobStore.TooLarge.class)
        .hasMessageContaining("10000 bytes");
    assertThat(store.exists(sha256(bytes))).isFalse();
    assertThat(store.put(new ByteArrayInputStream(bytes), 10_001)).isEqualTo(sha256(bytes));
  }

  @Test
  public void aMissingBlobIsNoSuchFile() {
    assertThatThrownBy(() -> store.open(sha256(new byte[] {1})))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  public void aDamagedBlobIsRefusedWhenReadNamingIt() throws Exception {
    byte[] bytes = random(200_000, 4);
    String name = store.put(new ByteArrayInputStream(bytes), LIMIT);
    damage(name);
    assertThatThrownBy(() -> read(store, name))
        .isInstanceOf(BlobStore.Corrupt.class)
        .hasMessageContaining("blob " + name + " is corrupt");
  }

  @Test
  public void everyBlobIsListedByEveryNode() throws Exception {
    String a = store.put(new ByteArrayInputStream(random(100, 5)), LIMIT);
    String b = open().put(new ByteArrayInputStream(random(100, 6)), LIMIT);
    assertThat(open().list()).containsExactlyInAnyOrder(a, b);
    store.delete(a);
    assertThat(store.list()).containsExactly(b);
  }

  @Test
  public void anUnusedBlobGoesOnlyOnceItsGraceHasPassedSinceItsLastPutOrTouch() throws Exception {
    java.time.Duration grace = java.time.Duration.ofMillis(400);
    String name = store.put(new ByteArrayInputStream(random(1000, 7)), LIMIT);
    assertThat(store.deleteUnlessPutWithin(name, grace)).as("just put").isFalse();
    Thread.sleep(600);
    assertThat(open().touch(name)).as("another node about to use it again").isTrue();
    assertThat(store.deleteUnlessPutWithin(name, grace)).as("just touched").isFalse();
    Thread.sleep(600);
    assertThat(open().put(new ByteArrayInputStream(random(1000, 7)), LIMIT)).isEqualTo(name);
    assertThat(store.deleteUnlessPutWithin(name, grace)).as("just put again").isFalse();
    assertThat(read(store, name)).isEqualTo(random(1000, 7));
    Thread.sleep(600);
    assertThat(store.deleteUnlessPutWithin(name, grace)).isTrue();
    assertThat(open().exists(name)).isFalse();
    assertThat(store.list()).doesNotContain(name);
    assertThat(store.touch(name)).as("nothing to touch: the writer puts it anew").isFalse();
    assertThat(store.deleteUnlessPutWithin(name, java.time.Duration.ZERO)).isFalse();
  }
}
