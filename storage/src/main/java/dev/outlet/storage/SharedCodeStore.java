package dev.outlet.storage;

import dev.outlet.core.BlobStore;
import dev.outlet.core.CodeRef;
import dev.outlet.core.CodeStore;
import dev.outlet.core.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * The code store of a node in a cluster: every package is kept in a {@link BlobStore} the nodes
 * share, and extracted on each node into a local {@link ZipCodeStore}, its cache. A node asked for
 * the tree of a package another node stored fetches the zip from the blobs (checked against its
 * SHA-256 as it is read) and extracts it once.
 *
 * <p>Contract: {@link #store} returns once the package is in the shared blobs, so any node can run
 * it; {@link #retainOnly} trims this node's cache only (a package another node's function still
 * uses stays in the blobs).
 */
public final class SharedCodeStore implements CodeStore {
  private final ZipCodeStore local;
  private final BlobStore blobs;

  public SharedCodeStore(ZipCodeStore local, BlobStore blobs) {
    this.local = local;
    this.blobs = blobs;
  }

  @Override
  public CodeRef store(byte[] zip) {
    CodeRef ref = local.store(zip); // validates: AWS's errors for a package the user must fix
    try {
      if (!blobs.touch(ref.sha256Hex())) { // stored already: marked as put now, kept
        String put = blobs.put(new ByteArrayInputStream(zip), Limits.ZIPPED_CODE);
        if (!put.equals(ref.sha256Hex())) {
          throw new IOException("the blob store named package " + ref.sha256Hex() + " " + put);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot share package " + ref.sha256Hex(), e);
    }
    return ref;
  }

  @Override
  public Path root(CodeRef code) {
    fetched(code);
    return local.root(code);
  }

  @Override
  public Path zip(CodeRef code) {
    fetched(code);
    return local.zip(code);
  }

  @Override
  public int retainOnly(Set<String> live) {
    return local.retainOnly(live);
  }

  /** Makes sure this node holds {@code code}'s zip and tree, fetching them from the blobs. */
  private void fetched(CodeRef code) {
    if (code.image() != null
        || Files.isDirectory(local.root(code), LinkOption.NOFOLLOW_LINKS)
            && Files.isRegularFile(local.zip(code), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    byte[] zip;
    try (InputStream in = blobs.open(code.sha256Hex())) {
      zip = in.readNBytes((int) Limits.ZIPPED_CODE + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot fetch package " + code.sha256Hex(), e);
    }
    CodeRef stored = local.store(zip);
    if (!stored.sha256Hex().equals(code.sha256Hex())) { // the blob store checked it: never
      throw new IllegalStateException("package " + code.sha256Hex() + " read as another");
    }
  }
}
