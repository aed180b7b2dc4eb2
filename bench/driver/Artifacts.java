import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The inputs the scenarios share, made once per run in the work folder: the Go echo function's zip,
 * a tiny shell-bootstrap zip, padded zips of a given size, and the payload files wrk posts. Zips
 * are made with Info-ZIP's {@code zip}, which keeps the bootstrap's exec bit.
 */
final class Artifacts {
  final Path dir;
  final byte[] echoZip;
  final byte[] tinyZip;
  final Path payload100;
  final Path payload64k;

  private final Env env;

  Artifacts(Env env) throws IOException, InterruptedException {
    this.env = env;
    this.dir = Files.createDirectories(env.work().resolve("artifacts"));
    Path echo = dir.resolve("echo.zip");
    zip(echo, env.tool("bootstrap"));
    echoZip = Files.readAllBytes(echo);

    Path shell = Files.createDirectories(dir.resolve("tiny")).resolve("bootstrap");
    Files.writeString(shell, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(shell, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path tiny = dir.resolve("tiny.zip");
    zip(tiny, shell);
    tinyZip = Files.readAllBytes(tiny);

    payload100 = payload(dir.resolve("payload-100B.json"), 100);
    payload64k = payload(dir.resolve("payload-64KB.json"), 64 * 1024);
  }

  /** A JSON document of exactly {@code size} bytes: {"data":"xxx..."}. */
  private static Path payload(Path file, int size) throws IOException {
    String head = "{\"data\":\"";
    String tail = "\"}";
    String body = head + "x".repeat(size - head.length() - tail.length()) + tail;
    Files.writeString(file, body, StandardCharsets.US_ASCII);
    return file;
  }

  /**
   * A zip of about {@code size} bytes: the echo bootstrap plus incompressible random bytes, fresh
   * for each {@code seed} so the content-addressed code store cannot deduplicate it.
   */
  byte[] paddedZip(long size, long seed) throws IOException, InterruptedException {
    Path pad = dir.resolve("pad-" + seed + ".bin");
    long padBytes = Math.max(0, size - echoZip.length - 300);
    SplittableRandom r = new SplittableRandom(seed ^ System.nanoTime());
    byte[] buf = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(pad)) {
      for (long left = padBytes; left > 0; left -= buf.length) {
        for (int i = 0; i < buf.length; i += 8) {
          long v = r.nextLong();
          for (int k = 0; k < 8; k++) {
            buf[i + k] = (byte) (v >>> (8 * k));
          }
        }
        out.write(buf, 0, (int) Math.min(left, buf.length));
      }
    }
    Path zip = dir.resolve("padded-" + seed + ".zip");
    zip(zip, env.tool("bootstrap"), pad);
    byte[] bytes = Files.readAllBytes(zip);
    Files.delete(pad);
    Files.delete(zip);
    return bytes;
  }

  /** Info-ZIP, paths junked, .bin stored (random bytes do not compress). */
  private static void zip(Path zip, Path... files) throws IOException, InterruptedException {
    Files.deleteIfExists(zip);
    List<String> cmd = new java.util.ArrayList<>(
        List.of("zip", "-q", "-j", "-n", ".bin", zip.toString()));
    for (Path f : files) {
      cmd.add(f.toString());
    }
    Procs.run(cmd, 120);
  }
}
