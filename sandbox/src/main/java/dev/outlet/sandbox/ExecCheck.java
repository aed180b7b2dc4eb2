package dev.outlet.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before exec, what the kernel would refuse, and fails with the errno text the JDK uses
 * ("error=13, Permission denied"), so that wrappers (setpriv, bwrap, qemu) do not turn an exec
 * failure into an opaque exit status. Reads four bytes: cheap enough for every cold start.
 */
public final class ExecCheck {
  private ExecCheck() {}

  public static void check(Path exe) throws IOException {
    if (!Files.isRegularFile(exe)) {
      throw new IOException("error=2, No such file or directory");
    }
    if (!Files.isExecutable(exe)) {
      throw new IOException("error=13, Permission denied");
    }
    byte[] head = new byte[4];
    int n;
    try (InputStream in = Files.newInputStream(exe)) {
      n = in.readNBytes(head, 0, 4);
    }
    boolean elf = n == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    boolean script = n >= 2 && head[0] == '#' && head[1] == '!';
    if (!elf && !script) {
      throw new IOException("error=8, Exec format error");
    }
  }
}
