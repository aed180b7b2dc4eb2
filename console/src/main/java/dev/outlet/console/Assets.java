package dev.outlet.console;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The console's pages: files of {@code dev/outlet/console/assets/} in the jar (read once, kept), or
 * of a folder on disk re-read on every request while developing. A name is a relative path of
 * lower-case letters, digits, {@code -_.} and {@code /}, never {@code ..}: nothing else is looked
 * up. Thread-safe.
 */
final class Assets {
  private static final String ROOT = "dev/outlet/console/assets/";
  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*\\.[a-z0-9]+");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json");

  /** One file: its bytes, type and entity tag. */
  record Asset(Buffer bytes, String contentType, String etag) {}

  private final Path dev;
  private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

  Assets(Path dev) {
    this.dev = dev;
  }

  Optional<Asset> find(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
      return Optional.empty();
    }
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    if (type == null) {
      return Optional.empty();
    }
    if (dev != null) {
      return read(name, type);
    }
    return cache.computeIfAbsent(name, n -> read(n, type));
  }

  private Optional<Asset> read(String name, String type) {
    byte[] bytes;
    try {
      if (dev != null) {
        Path file = dev.resolve(name).normalize();
        if (!file.startsWith(dev) || !Files.isRegularFile(file)) {
          return Optional.empty();
        }
        bytes = Files.readAllBytes(file);
      } else {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
          if (in == null) {
            return Optional.empty();
          }
          bytes = in.readAllBytes();
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return Optional.of(
        new Asset(
            Buffer.buffer(bytes),
            type,
            "\"" + Long.toHexString(crc.getValue()) + "-" + bytes.length + "\""));
  }
}
