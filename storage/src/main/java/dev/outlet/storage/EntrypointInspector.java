package dev.outlet.storage;

import dev.outlet.core.Architecture;
import dev.outlet.core.Entrypoint;
import dev.outlet.core.EntrypointResolver;
import dev.outlet.core.LambdaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides, when a package is deployed, which executable its sandboxes will start, and refuses a
 * package Lambda would fail on every invoke, with a message naming the file and the fix: a deploy
 * error beats a {@code Runtime.InvalidEntrypoint} on each invoke (lambda-contract.md §1.10, §6).
 *
 * <p>Stateless and thread-safe: it only reads the tree. Failures: {@link LambdaException}
 * InvalidParameterValueException for a package to fix; {@link UncheckedIOException} when the tree
 * cannot be read.
 *
 * <p>A managed runtime's package (Python, Node.js, Java) has no executable of its own: its runtime
 * loop resolves the handler at init, as Lambda's does; only its native libraries are checked
 * ({@link NativeLibraries}).
 */
public final class EntrypointInspector {
  private static final Set<String> PROVIDED = Set.of("provided", "provided.al2", "provided.al2023");
  private static final String GO1X = "go1.x";
  private static final String BOOTSTRAP = "bootstrap";

  /** How deep the search for a misplaced executable looks: zips nest a folder or two at most. */
  static final int SEARCH_DEPTH = 6;

  private static final int ROOT_LISTING = 10;

  /** The kernel reads at most this much of a file to find its #! line (BINPRM_BUF_SIZE). */
  private static final int HEAD = 256;

  private static final Set<PosixFilePermission> EXEC_BITS =
      Set.of(
          PosixFilePermission.OWNER_EXECUTE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_EXECUTE);

  private record Candidate(String name, Entrypoint.Kind kind) {}

  private EntrypointInspector() {}

  /**
   * The executable to start for {@code runtime}: for {@code provided*} the root {@code bootstrap},
   * else a root file named by the handler (the retired go1.x model, which Outlet keeps accepting);
   * for {@code go1.x} the same two in the other order; for a managed runtime, the handler.
   */
  public static Entrypoint inspect(
      Path root, String runtime, String handler, Architecture architecture) {
    if (!PROVIDED.contains(runtime) && !GO1X.equals(runtime)) {
      NativeLibraries.check(root, architecture);
      JavaClassVersions.check(root, runtime, handler);
      return Entrypoint.managed(handler);
    }
    List<Candidate> candidates = candidates(runtime, handler);
    try {
      for (Candidate candidate : candidates) {
        Path file = root.resolve(candidate.name());
        if (Files.isSymbolicLink(file) || Files.isRegularFile(file)) {
          return check(root, file, candidate, architecture);
        }
      }
      throw notAtRoot(root, runtime, handler, candidates);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect " + root, e);
    }
  }

  /**
   * Outlet's resolver: {@link #inspect(Path, Path, String, String, Architecture)} when the layers
   * are known, the strict {@link #inspect(Path, String, String, Architecture)} otherwise.
   */
  public static final EntrypointResolver RESOLVER =
      new EntrypointResolver() {
        @Override
        public Entrypoint resolve(
            Path root, String runtime, String handler, Architecture architecture) {
          return inspect(root, runtime, handler, architecture);
        }

        @Override
        public Entrypoint resolve(
            Path root, Path opt, String runtime, String handler, Architecture architecture) {
          return inspect(root, opt, runtime, handler, architecture);
        }
      };

  /**
   * As {@link #inspect(Path, String, String, Architecture)}, as Lambda looks: the package's
   * executable first, then a {@code bootstrap} at the root of the function's merged layers ({@code
   * opt}, or null), run as {@code /opt/bootstrap}. With neither, the package is accepted (AWS
   * accepts it: deploy tools add layers in a later call) as {@link Entrypoint.Kind#MISSING},
   * carrying the message a strict inspection gives; a candidate found with a wrong architecture, no
   * exec bit or CRLF line endings is still refused.
   */
  public static Entrypoint inspect(
      Path root, Path opt, String runtime, String handler, Architecture architecture) {
    if (!PROVIDED.contains(runtime) && !GO1X.equals(runtime)) {
      return inspect(root, runtime, handler, architecture);
    }
    List<Candidate> candidates = candidates(runtime, handler);
    try {
      for (Candidate candidate : candidates) {
        Path file = root.resolve(candidate.name());
        if (Files.isSymbolicLink(file) || Files.isRegularFile(file)) {
          return check(root, file, candidate, architecture);
        }
      }
      if (opt != null) {
        Path file = opt.resolve(BOOTSTRAP);
        if (Files.isSymbolicLink(file) || Files.isRegularFile(file)) {
          return check(
              opt, file, new Candidate(BOOTSTRAP, Entrypoint.Kind.LAYER_BOOTSTRAP), architecture);
        }
      }
      return Entrypoint.missing(notAtRoot(root, runtime, handler, candidates).getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect " + root, e);
    }
  }

  private static List<Candidate> candidates(String runtime, String handler) {
    String named = handlerFileName(handler);
    List<Candidate> out = new ArrayList<>();
    if (PROVIDED.contains(runtime)) {
      out.add(new Candidate(BOOTSTRAP, Entrypoint.Kind.BOOTSTRAP));
      if (named != null && !named.equals(BOOTSTRAP)) {
        out.add(new Candidate(named, Entrypoint.Kind.HANDLER_EXECUTABLE));
      }
    } else if (GO1X.equals(runtime)) {
      if (named != null) {
        out.add(new Candidate(named, Entrypoint.Kind.HANDLER_EXECUTABLE));
      }
      if (!BOOTSTRAP.equals(named)) {
        out.add(new Candidate(BOOTSTRAP, Entrypoint.Kind.BOOTSTRAP));
      }
    } else {
      throw new IllegalArgumentException("no executable entrypoint for runtime " + runtime);
    }
    return out;
  }

  /** The handler as a file at the root, or null when it cannot name one. */
  private static String handlerFileName(String handler) {
    if (handler == null
        || handler.isBlank()
        || handler.contains("/")
        || handler.indexOf('\0') >= 0
        || handler.equals(".")
        || handler.equals("..")) {
      return null;
    }
    return handler;
  }

  private static Entrypoint check(
      Path root, Path file, Candidate candidate, Architecture architecture) throws IOException {
    String name = candidate.name();
    Path target = Files.isSymbolicLink(file) ? followLink(root, file, name) : file;
    if (!hasExecBit(target)) {
      throw invalid(EntrypointMessages.noExecBit(name));
    }
    byte[] head = new byte[HEAD];
    int length = readHead(target, head);
    if (length >= 2 && head[0] == '#' && head[1] == '!') {
      if (firstLineEndsWithCr(head, length)) {
        throw invalid(EntrypointMessages.crlfScript(name));
      }
      return new Entrypoint(name, candidate.kind(), true, null);
    }
    if (ElfHeader.hasMagic(head, length)) {
      return new Entrypoint(
          name, candidate.kind(), false, checkElf(name, head, length, architecture));
    }
    throw invalid(EntrypointMessages.notExecutableFormat(name, head, length));
  }

  /** Follows a root link to the file it names, which must be a regular file inside the tree. */
  private static Path followLink(Path root, Path link, String name) throws IOException {
    String target = Files.readSymbolicLink(link).toString();
    Path real;
    try {
      real = link.toRealPath();
    } catch (IOException e) {
      throw invalid(EntrypointMessages.danglingLink(name, target));
    }
    if (!real.startsWith(root.toRealPath())) {
      throw invalid(EntrypointMessages.linkOutside(name, target));
    }
    if (!Files.isRegularFile(real)) {
      throw invalid(EntrypointMessages.linkToFolder(name, target));
    }
    return real;
  }

  private static Architecture checkElf(
      String name, byte[] head, int length, Architecture architecture) {
    ElfHeader elf = ElfHeader.parse(head, length);
    if (elf == null) {
      throw invalid(EntrypointMessages.truncatedElf(name));
    }
    if (!elf.executable()) {
      throw invalid(EntrypointMessages.elfNotExecutable(name, elf));
    }
    Architecture binary = elf.architecture();
    if (binary == null) {
      throw invalid(EntrypointMessages.unsupportedMachine(name, elf, architecture));
    }
    if (binary != architecture) {
      throw invalid(EntrypointMessages.wrongArchitecture(name, elf, binary, architecture));
    }
    return binary;
  }

  private static LambdaException notAtRoot(
      Path root, String runtime, String handler, List<Candidate> candidates) throws IOException {
    Optional<Path> misplaced = search(root, candidates);
    if (misplaced.isPresent()) {
      Path relative = root.relativize(misplaced.get());
      return invalid(EntrypointMessages.inFolder(relative));
    }
    return invalid(
        EntrypointMessages.nothingAtRoot(
            runtime, handler, handlerFileName(handler), listRoot(root)));
  }

  /** The shallowest file below the root named like a candidate, in the candidates' order. */
  private static Optional<Path> search(Path root, List<Candidate> candidates) throws IOException {
    List<String> names = candidates.stream().map(Candidate::name).toList();
    Comparator<Path> best =
        Comparator.<Path>comparingInt(p -> names.indexOf(p.getFileName().toString()))
            .thenComparingInt(p -> root.relativize(p).getNameCount())
            .thenComparing(Path::toString);
    try (Stream<Path> walk = Files.walk(root, SEARCH_DEPTH)) {
      return walk.filter(p -> root.relativize(p).getNameCount() > 1)
          .filter(p -> names.contains(p.getFileName().toString()))
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
          .min(best);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Up to {@value #ROOT_LISTING} root names, folders marked with a slash: "[build/, main.go]". */
  private static String listRoot(Path root) throws IOException {
    List<String> names;
    try (Stream<Path> children = Files.list(root)) {
      names =
          children
              .map(
                  p ->
                      p.getFileName()
                          + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : ""))
              .sorted()
              .toList();
    }
    if (names.size() <= ROOT_LISTING) {
      return names.toString();
    }
    List<String> shown = new ArrayList<>(names.subList(0, ROOT_LISTING));
    shown.add("... (" + (names.size() - ROOT_LISTING) + " more)");
    return shown.toString();
  }

  private static boolean hasExecBit(Path file) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    return permissions.stream().anyMatch(EXEC_BITS::contains);
  }

  private static int readHead(Path file, byte[] head) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(head, 0, head.length);
    }
  }

  private static boolean firstLineEndsWithCr(byte[] head, int length) {
    int end = 0;
    while (end < length && head[end] != '\n') {
      end++;
    }
    return end > 0 && head[end - 1] == '\r';
  }

  private static LambdaException invalid(String message) {
    return LambdaException.invalidParameter(message);
  }
}
