package dev.outlet.images;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An image on disk: an OCI layout directory, or a {@code docker save} or {@code oci-archive}
 * tarball. It lists its images ({@link #index()}, the layout's {@code index.json}) and serves their
 * blobs. Its index is immutable; blobs are opened one at a time (a tarball reads them from one file
 * channel). Closing releases the tarball's file.
 */
public interface ImageArchive extends BlobSource, Closeable {
  /** What the archive lists at its top: manifests or indexes, with platforms where known. */
  ImageIndex index();

  /**
   * Opens {@code path}: a directory as an OCI layout, a file as a tarball.
   *
   * @throws ImageException when it is neither
   */
  static ImageArchive open(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return OciLayout.open(path);
    }
    if (Files.isRegularFile(path)) {
      return ImageTarball.open(path);
    }
    throw new ImageException("no image at " + path.getFileName() + ": no such file or directory");
  }
}
