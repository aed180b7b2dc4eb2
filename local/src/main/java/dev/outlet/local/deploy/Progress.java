package dev.outlet.local.deploy;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * An upload progress bar redrawn in place ({@code \r}) on a terminal; nothing otherwise. Used by
 * one upload at a time.
 */
final class Progress {
  private Progress() {}

  static LongConsumer bar(PrintWriter err, boolean terminal, String label, long total) {
    if (!terminal) {
      return n -> {};
    }
    int[] last = {-1};
    return sent -> {
      int pct = total == 0 ? 100 : (int) (sent * 100 / total);
      if (pct == last[0]) {
        return;
      }
      last[0] = pct;
      int filled = pct / 4;
      err.print(
          String.format(
              Locale.ROOT,
              "\r  uploading %s [%s%s] %3d%% %.1f/%.1f MB",
              label,
              "#".repeat(filled),
              ".".repeat(25 - filled),
              pct,
              sent / 1048576.0,
              total / 1048576.0));
      if (sent >= total) {
        err.println();
      }
      err.flush();
    };
  }
}
