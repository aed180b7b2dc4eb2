package dev.outlet.sandbox;

/** Renders a process's end as Lambda words it ({@code exit status 1}, {@code signal: killed}). */
public final class ExitStatus {
  private ExitStatus() {}

  /** The text after "Runtime exited with error: ", or null for a clean exit (code 0). */
  public static String describe(int code) {
    if (code == 0) {
      return null;
    }
    if (code > 128 && code < 160) {
      String name = signalName(code - 128);
      if (name != null) {
        return "signal: " + name;
      }
    }
    return "exit status " + code;
  }

  /** AWS's message for a runtime that ended without answering. */
  public static String message(int code) {
    String d = describe(code);
    return d == null
        ? "Runtime exited without providing a reason"
        : "Runtime exited with error: " + d;
  }

  private static String signalName(int signal) {
    return switch (signal) {
      case 1 -> "hangup";
      case 2 -> "interrupt";
      case 3 -> "quit";
      case 4 -> "illegal instruction";
      case 6 -> "aborted";
      case 7 -> "bus error";
      case 8 -> "floating point exception";
      case 9 -> "killed";
      case 11 -> "segmentation fault";
      case 13 -> "broken pipe";
      case 15 -> "terminated";
      default -> null;
    };
  }

  /** Maps an exec failure ("error=13, Permission denied") to Go's wording, as Lambda shows it. */
  public static String execFailure(String ioMessage) {
    if (ioMessage == null) {
      return "exec failed";
    }
    if (ioMessage.contains("error=13")) {
      return "permission denied";
    }
    if (ioMessage.contains("error=8")) {
      return "exec format error";
    }
    if (ioMessage.contains("error=2,")) {
      return "no such file or directory";
    }
    return ioMessage;
  }
}
