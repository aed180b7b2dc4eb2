package dev.outlet.server;

import java.nio.file.Path;

/**
 * The HTTPS listener's settings.
 *
 * @param port the port ({@code 0} picks a free one, negative disables HTTPS)
 * @param certificate the user's PEM certificate (chain), or null for the generated self-signed one
 * @param key the user's PEM private key (PKCS#8 or PKCS#1/SEC1), or null
 */
public record HttpsSettings(int port, Path certificate, Path key) {
  public static final int DEFAULT_PORT = 9443;

  /** No HTTPS listener. */
  public static final HttpsSettings OFF = new HttpsSettings(-1, null, null);

  public boolean enabled() {
    return port >= 0;
  }
}
