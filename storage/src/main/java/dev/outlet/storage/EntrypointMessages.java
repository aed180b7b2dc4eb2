package dev.outlet.storage;

import dev.outlet.core.Architecture;
import java.nio.file.Path;

/**
 * The sentences {@link EntrypointInspector} refuses packages with. Each names the file, what Lambda
 * would do with it ({@code fork/exec ...} as in lambda-contract.md §6) and the command that fixes
 * it: the reader is someone whose deploy just failed.
 */
final class EntrypointMessages {
  private EntrypointMessages() {}

  static String noExecBit(String name) {
    return name
        + " has no execute permission in the zip. Lambda would fail every invoke with"
        + " 'fork/exec /var/task/"
        + name
        + ": permission denied'. Run chmod 755 "
        + name
        + " before zipping (zips made on Windows lose the bit: use build-lambda-zip).";
  }

  static String crlfScript(String name) {
    return name
        + " is a script with Windows (CRLF) line endings: its #! line ends with a carriage"
        + " return, so no such interpreter exists and Lambda would fail every invoke with"
        + " 'fork/exec /var/task/"
        + name
        + ": no such file or directory'. Convert it with dos2unix "
        + name
        + " before zipping.";
  }

  static String wrongArchitecture(
      String name, ElfHeader elf, Architecture binary, Architecture function) {
    return name
        + " is an ELF "
        + elf.machineName()
        + " ("
        + binary.wireName()
        + ") executable, but the function's architecture is "
        + function.wireName()
        + ": rebuild with GOARCH="
        + goarch(function)
        + " or create the function with --architectures "
        + binary.wireName();
  }

  static String unsupportedMachine(String name, ElfHeader elf, Architecture function) {
    return name
        + " is an ELF "
        + elf.machineName()
        + " executable: Lambda runs only x86_64 and arm64 binaries. Rebuild it for the"
        + " function's architecture "
        + function.wireName()
        + " (GOOS=linux GOARCH="
        + goarch(function)
        + ").";
  }

  static String truncatedElf(String name) {
    return name + " is a truncated ELF file: rebuild it and zip it again.";
  }

  static String elfNotExecutable(String name, ElfHeader elf) {
    return name
        + " is an ELF file of type "
        + elf.type()
        + ", not an executable program: build one with go build -o "
        + name
        + ".";
  }

  static String notExecutableFormat(String name, byte[] head, int length) {
    return name
        + " is neither an ELF executable nor a script starting with #!, so Lambda would fail"
        + " every invoke with 'fork/exec /var/task/"
        + name
        + ": exec format error'."
        + formatHint(head, length);
  }

  static String danglingLink(String name, String target) {
    return name
        + " is a symbolic link to '"
        + target
        + "', which is not a file in the zip: Lambda would fail every invoke with 'fork/exec"
        + " /var/task/"
        + name
        + ": no such file or directory'. Zip the file it points to as well.";
  }

  static String linkOutside(String name, String target) {
    return name
        + " is a symbolic link to '"
        + target
        + "', outside the package: put the executable itself in the zip.";
  }

  static String linkToFolder(String name, String target) {
    return name + " is a symbolic link to the folder '" + target + "', not to an executable file.";
  }

  /** A candidate found below the root: the classic "zipped the folder, not the file". */
  static String inFolder(Path relative) {
    String name = relative.getFileName().toString();
    Path folder = relative.getParent();
    String up = "../".repeat(folder.getNameCount());
    return name
        + " is at '"
        + relative
        + "' in the zip, but Lambda runs it only from the zip's root (/var/task/"
        + name
        + "). Zip the file itself, not its folder: cd "
        + folder
        + " && zip "
        + up
        + "function.zip "
        + name
        + " (or zip -j function.zip "
        + relative
        + ").";
  }

  /**
   * @param fileName the handler when it can name a root file, else null
   * @param rootListing the root's names, already formatted
   */
  static String nothingAtRoot(String runtime, String handler, String fileName, String rootListing) {
    String files = " Files at the root: " + rootListing + ".";
    if (!runtime.equals("go1.x")) {
      String alsoHandler =
          fileName == null
              ? ""
              : ", and no executable named after the handler '" + fileName + "' either";
      return "The zip has no bootstrap at its root: runtime "
          + runtime
          + " runs /var/task/bootstrap (or /opt/bootstrap from a layer)"
          + alsoHandler
          + "."
          + files
          + " Build with go build -o bootstrap and zip it at the root.";
    }
    if (fileName == null) {
      return "The zip has no bootstrap at its root, and the handler '"
          + handler
          + "' cannot name a file there: runtime go1.x runs the executable the handler names."
          + files
          + " Build with go build -o bootstrap and zip it at the root.";
    }
    return "The zip has no executable named after the handler '"
        + fileName
        + "' at its root: runtime go1.x runs /var/task/"
        + fileName
        + ", and no bootstrap either."
        + files
        + " Build with go build -o "
        + fileName
        + " and zip it at the root.";
  }

  /** Recognises the usual wrong files, to say what went wrong rather than only that it did. */
  private static String formatHint(byte[] h, int n) {
    if (n == 0) {
      return " The file is empty.";
    }
    if (n >= 4 && isMachO(h)) {
      return " It is a macOS (Mach-O) binary: build for Linux with GOOS=linux.";
    }
    if (n >= 2 && h[0] == 'M' && h[1] == 'Z') {
      return " It is a Windows executable: build for Linux with GOOS=linux.";
    }
    if (n >= 5
        && (h[0] & 0xff) == 0xef
        && (h[1] & 0xff) == 0xbb
        && (h[2] & 0xff) == 0xbf
        && h[3] == '#'
        && h[4] == '!') {
      return " It starts with a UTF-8 byte-order mark before #!: save it without the BOM.";
    }
    if (n >= 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4) {
      return " It is a zip archive: zip the executable itself, not an archive of it.";
    }
    return "";
  }

  private static boolean isMachO(byte[] h) {
    int magic =
        ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    return magic == 0xfeedface || magic == 0xfeedfacf || magic == 0xcefaedfe || magic == 0xcffaedfe;
  }

  private static String goarch(Architecture architecture) {
    return architecture == Architecture.ARM64 ? "arm64" : "amd64";
  }
}
