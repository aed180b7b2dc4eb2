package dev.outlet.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.core.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's umoci (an independent OCI unpacker, CI installs it) unpacks the same three-layer image
 * to the same tree: same paths, kinds, contents, link targets and permissions.
 */
class UmociCrossCheckTest {
  private static final Path UMOCI = Path.of("/usr/bin/umoci");

  @TempDir Path tmp;

  @Test
  void umociUnpacksTheSameTree() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(UMOCI), "umoci is not installed (apt-get install umoci)");
    TestImage image = TestImage.simple(tmp.resolve("oci"), RootfsStoreTest.threeLayers());
    ObjectNode index =
        (ObjectNode) TestImage.JSON.readTree(Files.readAllBytes(image.dir.resolve("index.json")));
    ((ObjectNode) index.path("manifests").get(0))
        .putObject("annotations")
        .put("org.opencontainers.image.ref.name", "latest");
    Files.write(image.dir.resolve("index.json"), TestImage.bytes(index));

    Path bundle = tmp.resolve("bundle");
    Process umoci =
        new ProcessBuilder(
                UMOCI.toString(),
                "unpack",
                "--rootless",
                "--image",
                image.dir + ":latest",
                bundle.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("umoci.log").toFile())
            .start();
    assertThat(umoci.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(umoci.exitValue()).as(Files.readString(tmp.resolve("umoci.log"))).isZero();

    Path ours;
    try (ImageArchive archive = ImageArchive.open(image.dir)) {
      ours =
          RootfsStore.create(tmp.resolve("store"))
              .unpack(ImageReader.read(archive, Architecture.X86_64), archive);
    }
    // Outlet adds the empty mount points a sandbox needs (/proc, /dev, /tmp, /.outlet, /etc's
    // user database, hosts and resolv.conf) before it publishes a tree; umoci has no such step:
    // the expectation is umoci's tree with the same additions
    MountPoints.add(bundle.resolve("rootfs"));
    Map<String, String> theirs = tree(bundle.resolve("rootfs"));
    // umoci makes FIFOs (a rootless mkfifo works); Outlet skips device files and FIFOs alike
    assertThat(theirs.remove("var/fifo")).isEqualTo("special");
    assertThat(tree(ours)).isEqualTo(theirs);
  }

  /** Each path below {@code root} with its kind, permissions and content or link target. */
  static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        String key = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.put(key, "link " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(key, "dir " + mode(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(key, "file " + mode(p) + " " + Files.readString(p));
        } else {
          out.put(key, "special"); // never opened: a FIFO would block
        }
      }
    }
    out.remove("");
    return out;
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }
}
