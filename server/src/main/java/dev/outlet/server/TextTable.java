package dev.outlet.server;

import java.io.PrintWriter;
import java.util.List;

/** A table printed for a terminal: columns padded to their widest cell, two spaces apart. */
final class TextTable {
  private TextTable() {}

  /**
   * Prints {@code rows} (the header first): the first {@code leftColumns} columns aligned left, the
   * others right (numbers).
   */
  static void print(PrintWriter out, List<String[]> rows, int leftColumns) {
    int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[columns];
    for (String[] r : rows) {
      for (int c = 0; c < r.length; c++) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int c = 0; c < r.length; c++) {
        String space = " ".repeat(width[c] - r[c].length());
        b.append(c == 0 ? "" : "  ").append(c < leftColumns ? r[c] + space : space + r[c]);
      }
      out.println(b.toString().stripTrailing());
    }
    out.flush();
  }
}
