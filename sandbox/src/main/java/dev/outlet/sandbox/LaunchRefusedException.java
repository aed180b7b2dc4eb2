package dev.outlet.sandbox;

import java.io.IOException;

/**
 * A launch this host cannot make at all (a container image without bubblewrap), as opposed to an
 * exec that failed: its message is the whole explanation, shown as it is.
 */
public final class LaunchRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  public LaunchRefusedException(String message) {
    super(message);
  }
}
