package dev.outlet.sandbox;

import dev.outlet.core.Architecture;
import dev.outlet.core.ImageMountPoints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the host's tools (setpriv, the gate's {@code sh}, qemu) run inside a container image, whose
 * root filesystem may have none of them, nor a C library: the host's {@code /usr} (and any library
 * folder outside it on a host without merged {@code /usr}) is shown read-only under {@value
 * ImageMountPoints#HOST_TOOLS}, and a dynamic tool is started through the host's own dynamic loader
 * with the host's library folders, so that nothing of the image's {@code /lib} or {@code
 * /etc/ld.so.cache} is used for it. Static tools ({@code qemu-aarch64-static}) run directly.
 * Immutable; {@link #host} is probed once.
 *
 * @param binds host folders and where the sandbox shows them
 * @param loader the host's dynamic loader as the sandbox sees it, or null when none was found
 * @param libraryPath the host's library folders as the sandbox sees them, colon-separated
 */
public record HostTools(List<Bind> binds, String loader, String libraryPath) {
  /** A host folder shown read-only inside the sandbox at {@code target}. */
  public record Bind(Path host, String target) {}

  private static final int PT_INTERP = 3;

  public HostTools {
    binds = List.copyOf(binds);
  }

  private static volatile HostTools host;

  /** This host's tools, probed on first use. */
  public static HostTools host() {
    HostTools h = host;
    if (h == null) {
      h = probe(Path.of("/"), Architecture.host());
      host = h;
    }
    return h;
  }

  /**
   * Reads the layout of the host under {@code root} ({@code /} but in tests): which library folders
   * are real folders, and the dynamic loader {@code /usr/bin/sh} (else setpriv) names.
   */
  static HostTools probe(Path root, Architecture arch) {
    List<Bind> binds = new ArrayList<>();
    binds.add(new Bind(root.resolve("usr"), ImageMountPoints.HOST_TOOLS + "/usr"));
    for (String dir : List.of("lib", "lib64", "lib32")) {
      Path p = root.resolve(dir);
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        binds.add(new Bind(p, ImageMountPoints.HOST_TOOLS + "/" + dir));
      }
    }
    HostTools unresolved = new HostTools(binds, null, "");
    String triplet = arch == Architecture.ARM64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
    String loader = null;
    Set<String> libs = new LinkedHashSet<>();
    for (String tool : List.of("usr/bin/sh", "usr/bin/setpriv", "bin/sh")) {
      String interp = interpreter(root.resolve(tool));
      if (interp != null) {
        Path real = real(root.resolve(interp.substring(1)));
        loader = real == null ? null : unresolved.inside(real);
        if (loader != null) {
          libs.add(unresolved.inside(real.getParent()));
          break;
        }
      }
    }
    for (String dir :
        List.of("usr/lib/" + triplet, "usr/lib64", "usr/lib", "lib/" + triplet, "lib64", "lib")) {
      Path real = real(root.resolve(dir));
      String inside = real == null ? null : unresolved.inside(real);
      if (inside != null && Files.isDirectory(real)) {
        libs.add(inside);
      }
    }
    return new HostTools(binds, loader, String.join(":", libs));
  }

  /**
   * The words that run the host's {@code tool} inside an image's sandbox: through the host's loader
   * when it is dynamic, directly when it is static.
   *
   * @throws IllegalStateException when the tool is not under a folder the sandbox is shown
   */
  public List<String> run(Path tool) {
    Path real = real(tool);
    String inside = real == null ? null : inside(real);
    if (inside == null) {
      throw new IllegalStateException(
          "the host's " + tool + " is not under /usr: it cannot run inside a container image");
    }
    if (interpreter(real) == null) {
      return List.of(inside);
    }
    if (loader == null) {
      throw new IllegalStateException(
          "the host's dynamic loader was not found: " + tool + " cannot run inside an image");
    }
    return List.of(loader, "--library-path", libraryPath, inside);
  }

  /** Where the sandbox sees the host path {@code real} (no links in it), or null if it does not. */
  String inside(Path real) {
    for (Bind b : binds) {
      if (real.startsWith(b.host())) {
        String rest = b.host().relativize(real).toString();
        return rest.isEmpty() ? b.target() : b.target() + "/" + rest;
      }
    }
    return null;
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The {@code PT_INTERP} of a 64-bit little-endian ELF file (its dynamic loader), or null: a
   * static binary, a script, anything else or unreadable.
   */
  static String interpreter(Path file) {
    try (FileChannel ch = FileChannel.open(file)) {
      ByteBuffer head = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
      if (ch.read(head, 0) < 64
          || head.getInt(0) != 0x464c457f // \x7fELF
          || head.get(4) != 2 // ELFCLASS64
          || head.get(5) != 1) { // little-endian
        return null;
      }
      long phoff = head.getLong(32);
      int phentsize = Short.toUnsignedInt(head.getShort(54));
      int phnum = Short.toUnsignedInt(head.getShort(56));
      if (phentsize < 56 || phnum > 256) {
        return null;
      }
      ByteBuffer ph = ByteBuffer.allocate(phentsize).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < phnum; i++) {
        ph.clear();
        if (ch.read(ph, phoff + (long) i * phentsize) < phentsize) {
          return null;
        }
        if (ph.getInt(0) == PT_INTERP) {
          long offset = ph.getLong(8);
          long size = ph.getLong(32);
          if (size <= 1 || size > 4096) {
            return null;
          }
          ByteBuffer name = ByteBuffer.allocate((int) size);
          ch.read(name, offset);
          String s = new String(name.array(), 0, (int) size - 1, StandardCharsets.US_ASCII);
          return s.startsWith("/") ? s : null;
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }
}
