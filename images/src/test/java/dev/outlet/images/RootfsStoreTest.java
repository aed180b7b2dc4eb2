package dev.outlet.images;

import static dev.outlet.images.TestLayer.Compression.GZIP;
import static dev.outlet.images.TestLayer.Compression.NONE;
import static dev.outlet.images.TestLayer.Compression.ZSTD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.Architecture;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsStoreTest {
  @TempDir Path tmp;

  static List<TestLayer> threeLayers() {
    TestLayer base =
        TestLayer.of()
            .dir("usr", 0755)
            .dir("usr/bin", 0755)
            .file("usr/bin/tool", "#!/bin/sh\necho v1\n", 0755)
            .file("usr/bin/old", "old", 0755)
            .dir("etc", 0755)
            .file("etc/config", "v1", 0644)
            .dir("var/cache", 0755)
            .file("var/cache/a", "a", 0600)
            .dir("var/cache/sub", 0755)
            .file("var/cache/sub/b", "b", 0644)
            .file("bootstrap", "#!/bin/sh\nexec tool\n", 0755);
    TestLayer middle =
        TestLayer.of()
            .file("etc/config", "v2", 0640)
            .file("usr/bin/tool2", "two", 0700)
            .hardlink("usr/bin/tool-link", "usr/bin/tool")
            .symlink("usr/bin/sh", "/bin/bash")
            .symlink("lib", "usr/lib")
            .fifo("var/fifo");
    TestLayer top =
        TestLayer.of()
            .file("usr/bin/.wh.old", "", 0644)
            .file("usr/bin/tool", "#!/bin/sh\necho v3\n", 0755)
            .file("var/cache/.wh..wh..opq", "", 0644)
            .file("var/cache/new", "new", 0644)
            .dir("var/cache/sub", 0755)
            .file("var/cache/sub/c", "c", 0644)
            .file(".wh.lib", "", 0644)
            .file(".wh.nothing-there", "", 0644);
    return List.of(base, middle, top);
  }

  Path unpack(TestImage image, RootfsStore store) throws Exception {
    try (ImageArchive archive = ImageArchive.open(image.dir)) {
      Image read = ImageReader.read(archive, Architecture.X86_64);
      return store.unpack(read, archive);
    }
  }

  @Test
  void threeLayersApplyInOrderWithWhiteoutsOpaqueDirectoriesAndLinks() throws Exception {
    TestImage image = TestImage.simple(tmp.resolve("oci"), threeLayers(), GZIP, ZSTD, NONE);
    Path rootfs = unpack(image, RootfsStore.create(tmp.resolve("store")));

    assertThat(rootfs.resolve("usr/bin/tool")).hasContent("#!/bin/sh\necho v3");
    assertThat(rootfs.resolve("usr/bin/old")).doesNotExist();
    assertThat(rootfs.resolve("etc/config")).hasContent("v2");
    assertThat(mode(rootfs.resolve("etc/config"))).isEqualTo("rw-r-----");
    assertThat(mode(rootfs.resolve("usr/bin/tool"))).isEqualTo("rwxr-xr-x");
    assertThat(mode(rootfs.resolve("usr/bin/tool2"))).isEqualTo("rwx------");
    assertThat(mode(rootfs.resolve("bootstrap"))).isEqualTo("rwxr-xr-x");
    // the opaque directory kept only what the top layer wrote in it
    assertThat(rootfs.resolve("var/cache/a")).doesNotExist();
    assertThat(rootfs.resolve("var/cache/sub/b")).doesNotExist();
    assertThat(rootfs.resolve("var/cache/new")).hasContent("new");
    assertThat(rootfs.resolve("var/cache/sub/c")).hasContent("c");
    // the hard link was made to the middle layer's inode, then tool was replaced by the top layer
    assertThat(rootfs.resolve("usr/bin/tool-link")).hasContent("#!/bin/sh\necho v1");
    assertThat(Files.readSymbolicLink(rootfs.resolve("usr/bin/sh")).toString())
        .isEqualTo("/bin/bash");
    assertThat(rootfs.resolve("lib")).doesNotExist();
    assertThat(Files.exists(rootfs.resolve("lib"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(rootfs.resolve("var/fifo")).doesNotExist();
    assertThat(rootfs.getParent().getFileName().toString())
        .isEqualTo(ImageReaderTest.manifestDigest(image).fileName());
  }

  @Test
  void hardLinksShareTheirInode() throws Exception {
    TestImage image =
        TestImage.simple(
            tmp.resolve("oci"),
            List.of(
                TestLayer.of()
                    .file("bin/busybox", "bb", 0755)
                    .hardlink("bin/ls", "bin/busybox")
                    .hardlink("./bin/cat", "./bin/busybox")));
    Path rootfs = unpack(image, RootfsStore.create(tmp.resolve("store")));
    Object inode =
        Files.getAttribute(rootfs.resolve("bin/busybox"), "unix:ino", LinkOption.NOFOLLOW_LINKS);
    assertThat(Files.getAttribute(rootfs.resolve("bin/ls"), "unix:ino")).isEqualTo(inode);
    assertThat(Files.getAttribute(rootfs.resolve("bin/cat"), "unix:ino")).isEqualTo(inode);
    assertThat(mode(rootfs.resolve("bin/cat"))).isEqualTo("rwxr-xr-x");
  }

  @Test
  void directoryModesAreAppliedAfterEveryLayer() throws Exception {
    TestImage image =
        TestImage.simple(
            tmp.resolve("oci"),
            List.of(
                TestLayer.of().dir("ro", 0555).file("ro/a", "a", 0644),
                TestLayer.of().file("ro/b", "b", 0644)));
    Path rootfs = unpack(image, RootfsStore.create(tmp.resolve("store")));
    assertThat(rootfs.resolve("ro/b")).hasContent("b");
    assertThat(mode(rootfs.resolve("ro"))).isEqualTo("r-xr-xr-x");
  }

  @Test
  void aSecondRequestReusesTheTreeAndConcurrentOnesUnpackOnce() throws Exception {
    TestImage image = TestImage.simple(tmp.resolve("oci"), threeLayers());
    AtomicInteger opened = new AtomicInteger();
    RootfsStore store = RootfsStore.create(tmp.resolve("store"));
    Image read;
    try (ImageArchive archive = ImageArchive.open(image.dir)) {
      read = ImageReader.read(archive, Architecture.X86_64);
    }
    CountDownLatch start = new CountDownLatch(1);
    BlobSource counting =
        digest -> {
          opened.incrementAndGet();
          return Files.newInputStream(image.dir.resolve("blobs/sha256/" + digest.hex()));
        };
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    List<Future<Path>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      results.add(
          pool.submit(
              () -> {
                start.await();
                return store.unpack(read, counting);
              }));
    }
    start.countDown();
    for (Future<Path> f : results) {
      assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(results.getFirst().get());
    }
    pool.shutdown();
    assertThat(opened.get()).isEqualTo(3); // one open per layer, once
    assertThat(store.unpack(read, counting)).isEqualTo(results.getFirst().get());
    assertThat(opened.get()).isEqualTo(3);
    assertThat(store.find(read.manifestDigest())).contains(results.getFirst().get());
    try (var left = Files.list(tmp.resolve("store/.partial"))) {
      assertThat(left).isEmpty();
    }
  }

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }
}
