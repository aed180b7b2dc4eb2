package dev.outlet.images;

/**
 * An image Outlet refuses: a blob whose bytes do not match its digest, JSON that is not an OCI or
 * Docker document, a layer that is not a tar stream or leaves the root, an image past the size cap,
 * no platform for the requested architecture, nothing to run. The message is written for the person
 * who built the image and never holds a host path.
 */
public final class ImageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ImageException(String message) {
    super(message);
  }

  public ImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
