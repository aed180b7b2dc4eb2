package dev.outlet.storage;

import static dev.outlet.storage.TestZips.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.CodeRef;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipCodeStoreTest {
  private static final String CORRUPT = PackageErrors.CORRUPT;
  private static final String SCRIPT = "#!/bin/sh\necho hi\n";

  @TempDir Path dataDir;
  private ZipCodeStore store;

  @BeforeEach
  void open() {
    store = ZipCodeStore.create(dataDir);
  }

  @Test
  void storesAGoodPackageWithItsExecutableBootstrapAndPlainFiles() throws IOException {
    byte[] bytes =
        zip()
            .file("bootstrap", SCRIPT, 0755)
            .dir("lib")
            .file("lib/data.txt", "data", 0644)
            .file("deep/er/x.txt", "xy", 0600)
            .bytes();

    CodeRef ref = store.store(bytes);

    Path root = store.root(ref);
    assertThat(root).isEqualTo(dataDir.resolve("code").resolve(ref.sha256Hex()));
    assertThat(mode(root)).isEqualTo("rwxr-xr-x");
    assertThat(mode(root.resolve("bootstrap"))).isEqualTo("rwxr-xr-x");
    assertThat(mode(root.resolve("lib/data.txt"))).isEqualTo("rw-r--r--");
    assertThat(mode(root.resolve("deep/er/x.txt"))).isEqualTo("rw-r--r--");
    assertThat(mode(root.resolve("deep/er"))).isEqualTo("rwxr-xr-x");
    assertThat(Files.readString(root.resolve("bootstrap"))).isEqualTo(SCRIPT);
    assertThat(store.zip(ref)).hasBinaryContent(bytes);
    assertThat(ref.size()).isEqualTo(bytes.length);
    assertThat(ref.unzippedSize()).isEqualTo(SCRIPT.length() + 4 + 2);
    assertThat(codeDir()).containsExactlyInAnyOrder(ref.sha256Hex(), ref.sha256Hex() + ".zip");
  }

  @Test
  void storingTheSameBytesTwiceReturnsTheSameReference() {
    byte[] bytes = zip().file("bootstrap", SCRIPT, 0755).bytes();

    CodeRef first = store.store(bytes);
    CodeRef second = store.store(bytes);

    assertThat(second).isEqualTo(first);
    assertThat(codeDir()).hasSize(2);
  }

  @Test
  void codeSha256IsTheStandardBase64OfTheRawDigest() throws Exception {
    byte[] bytes = zip().file("bootstrap", SCRIPT, 0755).bytes();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);

    CodeRef ref = store.store(bytes);

    assertThat(ref.sha256Base64()).isEqualTo(Base64.getEncoder().encodeToString(digest));
    assertThat(ref.sha256Base64()).hasSize(44).endsWith("=");
    assertThat(ref.sha256Hex()).isEqualTo(HexFormat.of().formatHex(digest));
  }

  @Test
  void concurrentStoresOfTheSameBytesAllSucceedWithOneTree() throws Exception {
    byte[] bytes = zip().file("bootstrap", SCRIPT, 0755).file("a/b", "c", 0644).bytes();
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<CodeRef>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await(5, TimeUnit.SECONDS);
                  return store.store(bytes);
                }));
      }
      start.countDown();
      CodeRef first = results.get(0).get(10, TimeUnit.SECONDS);
      for (Future<CodeRef> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(first);
      }
      assertThat(codeDir())
          .containsExactlyInAnyOrder(first.sha256Hex(), first.sha256Hex() + ".zip");
      assertThat(store.root(first).resolve("a/b")).hasContent("c");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEmptyZipIsAcceptedAsAnEmptyTree() throws IOException {
    CodeRef ref = store.store(zip().bytes());

    assertThat(ref.unzippedSize()).isZero();
    try (Stream<Path> children = Files.list(store.root(ref))) {
      assertThat(children).isEmpty();
    }
  }

  @Test
  void refusesGarbageBytesWithAwsMessage() {
    assertRefused("this is not a zip".getBytes(), CORRUPT);
  }

  @Test
  void refusesAnEmptyByteArrayAsCorrupt() {
    assertRefused(new byte[0], CORRUPT);
  }

  @Test
  void refusesATruncatedZipAsCorrupt() {
    byte[] bytes =
        zip().file("bootstrap", SCRIPT, 0755).file("other", "x".repeat(5000), 0644).bytes();

    assertRefused(Arrays.copyOf(bytes, bytes.length / 2), CORRUPT);
  }

  @Test
  void refusesAZippedPackageOverFiftyMegabytesAsTooLarge() {
    assertThatThrownBy(() -> store.store(new byte[(int) Limits.ZIPPED_CODE + 1]))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_ENTITY_TOO_LARGE);
              assertThat(e.getMessage())
                  .isEqualTo("Zipped size must be smaller than 52428800 bytes");
            });
    assertThat(codeDir()).isEmpty();
  }

  @Test
  void refusesAnEntryClimbingOutWithDotDot() {
    byte[] bytes = zip().file("bootstrap", SCRIPT, 0755).file("../../etc/x", "x", 0644).bytes();

    assertRefused(bytes, CORRUPT + " The entry '../../etc/x' points outside the package.");
    assertThat(dataDir.resolve("etc")).doesNotExist();
  }

  @Test
  void refusesADotDotHiddenInTheMiddleOfAnEntry() {
    assertRefused(
        zip().file("a/../../x", "x", 0644).bytes(),
        CORRUPT + " The entry 'a/../../x' points outside the package.");
  }

  @Test
  void refusesAnAbsoluteEntry() {
    assertRefused(
        zip().file("/etc/x", "x", 0644).bytes(),
        CORRUPT + " The entry '/etc/x' points outside the package.");
  }

  @Test
  void refusesAUnixEntryWithBackslashes() {
    assertThatThrownBy(() -> store.store(zip().file("lib/..\\..\\x", "x", 0644).bytes()))
        .hasMessageStartingWith(CORRUPT + " The entry 'lib/..\\..\\x' has a backslash in its name");
    assertThat(codeDir()).isEmpty();
  }

  @Test
  void refusesAWindowsEntryWhoseBackslashesClimbOut() {
    // For entries made on Windows, commons-compress turns backslashes into '/': a plain "..".
    assertRefused(
        zip().windowsFile("..\\..\\x", "x").bytes(),
        CORRUPT + " The entry '../../x' points outside the package.");
  }

  @Test
  void refusesAnEntryWithANulInItsName() {
    assertRefused(
        zip().file("boot\0strap", "x", 0755).bytes(),
        CORRUPT + " The entry 'boot\\u0000strap' has a NUL character in its name.");
  }

  @Test
  void refusesTwoEntriesWithTheSamePath() {
    assertThatThrownBy(
            () ->
                store.store(
                    zip().file("bootstrap", "a", 0755).file("bootstrap", "b", 0755).bytes()))
        .hasMessageStartingWith(CORRUPT + " The entry 'bootstrap' clashes with another entry");
    assertThat(codeDir()).isEmpty();
  }

  @Test
  void refusesALinkClimbingOutOfThePackage() {
    assertRefused(
        zip().file("bootstrap", SCRIPT, 0755).symlink("lib/passwd", "../../etc/passwd").bytes(),
        CORRUPT
            + " The symbolic link 'lib/passwd' points to '../../etc/passwd', outside the package"
            + " (links must be relative and stay inside it).");
  }

  @Test
  void refusesALinkToAnAbsolutePath() {
    assertRefused(
        zip().file("bootstrap", SCRIPT, 0755).symlink("passwd", "/etc/passwd").bytes(),
        CORRUPT
            + " The symbolic link 'passwd' points to '/etc/passwd', outside the package"
            + " (links must be relative and stay inside it).");
  }

  @Test
  void refusesALinkThatLeavesOnlyThroughAnotherLink() {
    // Lexically "here/.." is the root; really "here" is the root, so "here/.." is its parent.
    byte[] bytes = zip().symlink("here", ".").symlink("up", "here/..").bytes();

    assertRefused(
        bytes,
        CORRUPT
            + " The symbolic link 'up' points to 'here/..', outside the package"
            + " (links must be relative and stay inside it).");
  }

  @Test
  void refusesAFileWrittenBelowALink() {
    // Files are written before any link exists, so "lib/evil" lands in a real folder "lib" and
    // the link "lib" then clashes with it: nothing is ever written through a link.
    byte[] bytes = zip().symlink("lib", "../../../../../tmp").file("lib/evil", "x", 0644).bytes();

    assertThatThrownBy(() -> store.store(bytes))
        .hasMessageStartingWith(CORRUPT + " The entry 'lib' clashes with another entry");
    assertThat(codeDir()).isEmpty();
    assertThat(Path.of("/tmp/evil")).doesNotExist();
  }

  @Test
  void refusesALinkLoop() {
    assertRefused(
        zip().symlink("a", "b").symlink("b", "a").bytes(),
        CORRUPT + " The symbolic link 'a' is part of a loop.");
  }

  @Test
  void keepsALinkThatStaysInside() throws IOException {
    byte[] bytes =
        zip()
            .file("v1/lib.so", "elf", 0755)
            .symlink("lib/current.so", "../v1/lib.so")
            .symlink("bootstrap", "v1/lib.so")
            .bytes();

    Path root = store.root(store.store(bytes));

    assertThat(Files.isSymbolicLink(root.resolve("lib/current.so"))).isTrue();
    assertThat(Files.readSymbolicLink(root.resolve("lib/current.so")))
        .isEqualTo(Path.of("../v1/lib.so"));
    assertThat(root.resolve("bootstrap")).hasContent("elf");
  }

  @Test
  void keepsTheExecBitOfUnixEntries() throws IOException {
    Path root =
        store.root(store.store(zip().file("run", SCRIPT, 0700).file("plain", "x", 0664).bytes()));

    assertThat(mode(root.resolve("run"))).isEqualTo("rwxr-xr-x");
    assertThat(mode(root.resolve("plain"))).isEqualTo("rw-r--r--");
  }

  @Test
  void anEntryMadeOnWindowsIsNotExecutable() throws IOException {
    Path root = store.root(store.store(zip().windowsFile("bootstrap", SCRIPT).bytes()));

    assertThat(mode(root.resolve("bootstrap"))).isEqualTo("rw-r--r--");
  }

  @Test
  void stopsABombThatDeclaresItsSizeBeforeWritingIt() {
    assertRefused(Bomb.honest(), "Unzipped size must be smaller than 262144000 bytes");
  }

  @Test
  void stopsABombThatLiesAboutItsSizeWhileStreamingIt() {
    assertRefused(
        TestZips.withDeclaredSizes(Bomb.honest(), 1000),
        "Unzipped size must be smaller than 262144000 bytes");
  }

  @Test
  void refusesMoreEntriesThanTheCap() {
    TestZips many = zip();
    for (int i = 0; i <= PackageExtractor.MAX_ENTRIES; i++) {
      many.dir("d" + i);
    }

    assertRefused(
        many.bytes(), CORRUPT + " The package has more than 100000 entries, which Outlet refuses.");
  }

  @Test
  void retainOnlyDeletesDeadPackagesAndStaleTemporaries() throws IOException {
    CodeRef live = store.store(zip().file("bootstrap", "live", 0755).bytes());
    CodeRef dead = store.store(zip().file("bootstrap", "dead", 0755).bytes());
    Files.createDirectories(dataDir.resolve("code/.tmp-crashed/sub"));

    int removed = store.retainOnly(Set.of(live.sha256Hex()));

    assertThat(removed).isEqualTo(1);
    assertThat(codeDir()).containsExactlyInAnyOrder(live.sha256Hex(), live.sha256Hex() + ".zip");
    assertThat(store.root(dead)).doesNotExist();
  }

  @Test
  void rootRefusesAReferenceThatIsNotADigest() {
    assertThatThrownBy(() -> store.root(new CodeRef("../../etc", "x", 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEntryCompressedWithAMethodOutletDoesNotReadIsRefusedNotLoadedForIt() {
    byte[] bytes = zip().file("up/x", "x", 0644).bytes();
    // zstd (93): commons-compress would reach for zstd-jni, a library the storage does not load
    for (int i = 0; i + 4 <= bytes.length; i++) {
      if (bytes[i] == 'P' && bytes[i + 1] == 'K') {
        int at = bytes[i + 2] == 3 && bytes[i + 3] == 4 ? 8 : bytes[i + 2] == 1 ? 10 : -1;
        if (at > 0) {
          bytes[i + at] = 93;
          bytes[i + at + 1] = 0;
        }
      }
    }
    assertThatThrownBy(() -> store.store(bytes))
        .isInstanceOf(LambdaException.class)
        .hasMessageContaining("uses an unsupported compression method");
    assertThat(codeDir()).isEmpty();
  }

  private void assertRefused(byte[] bytes, String message) {
    assertThatThrownBy(() -> store.store(bytes))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
              assertThat(e.getMessage()).isEqualTo(message);
            });
    assertThat(codeDir()).as("nothing half-written remains in code/").isEmpty();
  }

  private List<String> codeDir() {
    try (Stream<Path> children = Files.list(dataDir.resolve("code"))) {
      return children.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  /** One 260 MB entry of zeros, built once: it deflates to about 250 KB. */
  private static final class Bomb {
    private static byte[] bytes;

    static synchronized byte[] honest() {
      if (bytes == null) {
        bytes = zip().file("bootstrap", SCRIPT, 0755).zeros("zeros.bin", 260L << 20).bytes();
      }
      return bytes;
    }
  }
}
