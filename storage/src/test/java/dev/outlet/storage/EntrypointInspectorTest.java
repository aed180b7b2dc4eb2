package dev.outlet.storage;

import static dev.outlet.core.Architecture.ARM64;
import static dev.outlet.core.Architecture.X86_64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.Architecture;
import dev.outlet.core.Entrypoint;
import dev.outlet.core.Entrypoint.Kind;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntrypointInspectorTest {
  private static final String SCRIPT = "#!/bin/sh\nexec ./main\n";

  @TempDir Path root;

  @Test
  void findsAnX86_64BootstrapAtTheRoot() throws IOException {
    write("bootstrap", elf(ElfHeader.EM_X86_64), "rwxr-xr-x");

    assertThat(inspect("provided.al2", "main", X86_64))
        .isEqualTo(new Entrypoint("bootstrap", Kind.BOOTSTRAP, false, X86_64));
  }

  @Test
  void findsAnArm64BootstrapForAnArm64Function() throws IOException {
    write("bootstrap", elf(ElfHeader.EM_AARCH64), "rwxr-xr-x");

    assertThat(inspect("provided.al2023", "ignored", ARM64))
        .isEqualTo(new Entrypoint("bootstrap", Kind.BOOTSTRAP, false, ARM64));
  }

  @Test
  void acceptsAScriptBootstrapOnAnyArchitecture() throws IOException {
    write("bootstrap", SCRIPT, "rwxr-xr-x");

    assertThat(inspect("provided", "x", ARM64))
        .isEqualTo(new Entrypoint("bootstrap", Kind.BOOTSTRAP, true, null));
  }

  @Test
  void findsAnExecutableNamedAfterTheHandlerWhenThereIsNoBootstrap() throws IOException {
    write("main", elf(ElfHeader.EM_X86_64), "rwxr-xr-x");

    assertThat(inspect("provided.al2", "main", X86_64))
        .isEqualTo(new Entrypoint("main", Kind.HANDLER_EXECUTABLE, false, X86_64));
  }

  @Test
  void go1xPrefersTheHandlerNamedFileOverBootstrap() throws IOException {
    write("bootstrap", SCRIPT, "rwxr-xr-x");
    write("main", elf(ElfHeader.EM_X86_64), "rwxr-xr-x");

    assertThat(inspect("go1.x", "main", X86_64).path()).isEqualTo("main");
  }

  @Test
  void followsABootstrapLinkToAFileInsideThePackage() throws IOException {
    write("bin/app", elf(ElfHeader.EM_X86_64), "rwxr-xr-x");
    Files.createSymbolicLink(root.resolve("bootstrap"), Path.of("bin/app"));

    assertThat(inspect("provided.al2", "x", X86_64))
        .isEqualTo(new Entrypoint("bootstrap", Kind.BOOTSTRAP, false, X86_64));
  }

  @Test
  void refusesABootstrapLinkLeavingThePackage() throws IOException {
    Files.createSymbolicLink(root.resolve("bootstrap"), Path.of("/bin/sh"));

    assertRefused(
        "provided.al2",
        X86_64,
        "bootstrap is a symbolic link to '/bin/sh', outside the package: put the executable"
            + " itself in the zip.");
  }

  @Test
  void refusesABootstrapLinkToNothing() throws IOException {
    Files.createSymbolicLink(root.resolve("bootstrap"), Path.of("missing"));

    assertThatThrownBy(() -> inspect("provided.al2", "x", X86_64))
        .hasMessageStartingWith("bootstrap is a symbolic link to 'missing', which is not a file");
  }

  @Test
  void namesTheFolderWhenBootstrapIsNotAtTheRoot() throws IOException {
    write("build/bootstrap", elf(ElfHeader.EM_X86_64), "rwxr-xr-x");

    assertRefused(
        "provided.al2",
        X86_64,
        "bootstrap is at 'build/bootstrap' in the zip, but Lambda runs it only from the zip's root"
            + " (/var/task/bootstrap). Zip the file itself, not its folder: cd build && zip"
            + " ../function.zip bootstrap (or zip -j function.zip build/bootstrap).");
  }

  @Test
  void climbsAsManyFoldersAsTheMisplacedFileIsDeep() throws IOException {
    write("target/release/bootstrap", elf(ElfHeader.EM_X86_64), "rwxr-xr-x");

    assertThatThrownBy(() -> inspect("provided.al2023", "x", X86_64))
        .hasMessageContaining("cd target/release && zip ../../function.zip bootstrap");
  }

  @Test
  void refusesABootstrapWithoutExecBit() throws IOException {
    write("bootstrap", elf(ElfHeader.EM_X86_64), "rw-r--r--");

    assertRefused(
        "provided.al2",
        X86_64,
        "bootstrap has no execute permission in the zip. Lambda would fail every invoke with"
            + " 'fork/exec /var/task/bootstrap: permission denied'. Run chmod 755 bootstrap before"
            + " zipping (zips made on Windows lose the bit: use build-lambda-zip).");
  }

  @Test
  void refusesAScriptWithWindowsLineEndings() throws IOException {
    write("bootstrap", "#!/bin/sh\r\nexec ./main\r\n", "rwxr-xr-x");

    assertThatThrownBy(() -> inspect("provided.al2", "x", X86_64))
        .hasMessageStartingWith("bootstrap is a script with Windows (CRLF) line endings")
        .hasMessageContaining("dos2unix bootstrap");
  }

  @Test
  void refusesAnArm64BinaryForAnX86_64Function() throws IOException {
    write("bootstrap", elf(ElfHeader.EM_AARCH64), "rwxr-xr-x");

    assertRefused(
        "provided.al2",
        X86_64,
        "bootstrap is an ELF aarch64 (arm64) executable, but the function's architecture is"
            + " x86_64: rebuild with GOARCH=amd64 or create the function with --architectures"
            + " arm64");
  }

  @Test
  void refusesAnX86_64HandlerBinaryForAnArm64Function() throws IOException {
    write("main", elf(ElfHeader.EM_X86_64), "rwxr-xr-x");

    assertThatThrownBy(() -> EntrypointInspector.inspect(root, "go1.x", "main", ARM64))
        .hasMessage(
            "main is an ELF x86-64 (x86_64) executable, but the function's architecture is arm64:"
                + " rebuild with GOARCH=arm64 or create the function with --architectures x86_64");
  }

  @Test
  void refusesA32BitBinary() throws IOException {
    write("bootstrap", elf(ElfHeader.EM_386), "rwxr-xr-x");

    assertRefused(
        "provided.al2",
        X86_64,
        "bootstrap is an ELF i386 (32-bit x86) executable: Lambda runs only x86_64 and arm64"
            + " binaries. Rebuild it for the function's architecture x86_64 (GOOS=linux"
            + " GOARCH=amd64).");
  }

  @Test
  void refusesAFileThatIsNeitherElfNorScript() throws IOException {
    write("bootstrap", "console.log('hi')\n", "rwxr-xr-x");

    assertRefused(
        "provided.al2",
        X86_64,
        "bootstrap is neither an ELF executable nor a script starting with #!, so Lambda would"
            + " fail every invoke with 'fork/exec /var/task/bootstrap: exec format error'.");
  }

  @Test
  void saysWhenTheBinaryWasBuiltForMacos() throws IOException {
    write(
        "bootstrap", new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe}, "rwxr-xr-x");

    assertThatThrownBy(() -> inspect("provided.al2", "x", X86_64))
        .hasMessageEndingWith("It is a macOS (Mach-O) binary: build for Linux with GOOS=linux.");
  }

  @Test
  void listsTheRootWhenNothingRunnableIsFound() throws IOException {
    write("README.md", "hi", "rw-r--r--");
    write("src/main.go", "package main", "rw-r--r--");

    assertRefused(
        "provided.al2",
        X86_64,
        "The zip has no bootstrap at its root: runtime provided.al2 runs /var/task/bootstrap (or"
            + " /opt/bootstrap from a layer), and no executable named after the handler 'main'"
            + " either. Files at the root: [README.md, src/]. Build with go build -o bootstrap and"
            + " zip it at the root.");
  }

  @Test
  void listsAtMostTenRootNames() throws IOException {
    for (int i = 0; i < 12; i++) {
      write("f" + (char) ('a' + i), "x", "rw-r--r--");
    }

    assertThatThrownBy(() -> inspect("provided.al2", "main", X86_64))
        .hasMessageContaining(
            "Files at the root: [fa, fb, fc, fd, fe, ff, fg, fh, fi, fj, ... (2 more)].");
  }

  @Test
  void aManagedRuntimesPackageNeedsNoExecutable() throws IOException {
    write("lambda_function.py", "def lambda_handler(e, c):\n  return 1\n", "rw-r--r--");

    assertThat(EntrypointInspector.inspect(root, "python3.12", "lambda_function.handler", X86_64))
        .isEqualTo(Entrypoint.managed("lambda_function.handler"));
  }

  @Test
  void refusesAPythonPackageWhoseNativeLibrariesAreAllForTheOtherArchitecture() throws IOException {
    write("app.py", "import numpy\n", "rw-r--r--");
    write(
        "numpy/core/_multiarray_umath.cpython-312-aarch64-linux-gnu.so",
        elf(ElfHeader.EM_AARCH64),
        "rwxr-xr-x");
    write("numpy.libs/libopenblas64_p-r0.so.0.3.23", elf(ElfHeader.EM_AARCH64), "rw-r--r--");

    assertThatThrownBy(() -> EntrypointInspector.inspect(root, "python3.12", "app.h", X86_64))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessageContaining(" is an ELF aarch64 (arm64) shared library, but the function's")
        .hasMessageContaining("architecture is x86_64, so it cannot load on Lambda")
        .hasMessageContaining("pip install --platform manylinux2014_x86_64")
        .hasMessageEndingWith("or create the function with --architectures arm64");
  }

  @Test
  void refusesANodeAddonBuiltForX86OnAnArm64Function() throws IOException {
    write("index.js", "require('./build/Release/addon.node')\n", "rw-r--r--");
    write("build/Release/addon.node", elf(ElfHeader.EM_X86_64), "rw-r--r--");

    assertThatThrownBy(() -> EntrypointInspector.inspect(root, "nodejs20.x", "index.h", ARM64))
        .hasMessageStartingWith(
            "build/Release/addon.node is an ELF x86-64 (x86_64) shared library, but the"
                + " function's architecture is arm64")
        .hasMessageContaining("npm install --cpu=arm64 --os=linux");
  }

  @Test
  void acceptsPrebuiltLibrariesForSeveralArchitecturesWhenOneMatches() throws IOException {
    write("node_modules/x/prebuilds/linux-arm64/x.node", elf(ElfHeader.EM_AARCH64), "rw-r--r--");
    write("node_modules/x/prebuilds/linux-x64/x.node", elf(ElfHeader.EM_X86_64), "rw-r--r--");
    write("notes.so.txt", "not a library", "rw-r--r--");

    assertThat(EntrypointInspector.inspect(root, "nodejs20.x", "index.handler", X86_64))
        .isEqualTo(Entrypoint.managed("index.handler"));
  }

  @Test
  void aBootstrapZippedOnWindowsIsRefusedForItsMissingExecBit() throws IOException {
    ZipCodeStore store = ZipCodeStore.create(root.resolve("data"));
    Path tree = store.root(store.store(TestZips.zip().windowsFile("bootstrap", SCRIPT).bytes()));

    assertThatThrownBy(() -> EntrypointInspector.inspect(tree, "provided.al2", "x", X86_64))
        .hasMessageStartingWith("bootstrap has no execute permission in the zip.");
  }

  @Test
  void withLayersTheZipsOwnBootstrapComesFirstThenTheLayersThenNothingIsAccepted(@TempDir Path opt)
      throws IOException {
    Path layerBootstrap = opt.resolve("bootstrap");
    Files.write(layerBootstrap, elf(ElfHeader.EM_X86_64));
    Files.setPosixFilePermissions(layerBootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
    write("function.sh", "handler() { echo; }\n", "rw-r--r--");

    assertThat(
            EntrypointInspector.inspect(root, opt, "provided.al2023", "function.handler", X86_64))
        .isEqualTo(new Entrypoint("bootstrap", Kind.LAYER_BOOTSTRAP, false, X86_64));
    // a wrong architecture in the layer is still refused at once
    assertThatThrownBy(
            () ->
                EntrypointInspector.inspect(
                    root, opt, "provided.al2023", "function.handler", ARM64))
        .isInstanceOf(LambdaException.class);

    Entrypoint missing =
        EntrypointInspector.inspect(root, null, "provided.al2023", "function.handler", X86_64);
    assertThat(missing.kind()).isEqualTo(Kind.MISSING);
    assertThat(missing.missing()).contains("no bootstrap at its root", "function.sh");

    write("bootstrap", SCRIPT, "rwxr-xr-x");
    assertThat(
            EntrypointInspector.inspect(root, opt, "provided.al2023", "function.handler", X86_64))
        .isEqualTo(new Entrypoint("bootstrap", Kind.BOOTSTRAP, true, null));
  }

  private Entrypoint inspect(String runtime, String handler, Architecture architecture) {
    return EntrypointInspector.inspect(root, runtime, handler, architecture);
  }

  private void assertRefused(String runtime, Architecture architecture, String message) {
    assertThatThrownBy(() -> inspect(runtime, "main", architecture))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  private void write(String name, String content, String mode) throws IOException {
    write(name, content.getBytes(StandardCharsets.UTF_8), mode);
  }

  private void write(String name, byte[] content, String mode) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
  }

  /** The 64-byte header of a little-endian ELF64 executable for {@code machine}; no body needed. */
  private static byte[] elf(int machine) {
    return TestZips.elf(machine, 2);
  }
}
