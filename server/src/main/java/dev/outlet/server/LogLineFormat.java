package dev.outlet.server;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@code outlet logs} shows one log event: local time, then the message, with the platform's
 * lines condensed ({@code START} shortened, {@code END} dropped, {@code REPORT} to {@code REPORT
 * 3.01 ms (billed 4) 36/128 MB cold 110.10 ms}), cold starts marked and errors highlighted in color
 * when asked to. Pure.
 */
final class LogLineFormat {
  private static final String RED = "\u001b[31m";
  private static final String CYAN = "\u001b[36m";
  private static final String DIM = "\u001b[2m";
  private static final String RESET = "\u001b[0m";
  private static final Pattern START = Pattern.compile("START RequestId: (\\S+) Version: (\\S+)");
  private static final Pattern FIELD = Pattern.compile("([A-Za-z ]+): ([^\\t]+)");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  enum Kind {
    PLAIN,
    COLD,
    ERROR
  }

  private LogLineFormat() {}

  /** The line to print for one event, or null for a line not shown (END). */
  static String format(long timestampMillis, String message, ZoneId zone, boolean color) {
    String text = condense(message);
    if (text == null) {
      return null;
    }
    String time = TIME.format(Instant.ofEpochMilli(timestampMillis).atZone(zone));
    if (!color) {
      return time + "  " + text;
    }
    String paint =
        switch (kind(message)) {
          case ERROR -> RED;
          case COLD -> CYAN;
          case PLAIN -> "";
        };
    return DIM + time + RESET + "  " + (paint.isEmpty() ? text : paint + text + RESET);
  }

  /** The message as shown, without time or color; null when the line is not shown. */
  static String condense(String message) {
    String m = message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
    if (m.startsWith("END RequestId: ")) {
      return null;
    }
    if (m.startsWith("INIT_START ")) {
      return "COLD START " + m.substring("INIT_START ".length()).replace('\t', ' ');
    }
    Matcher start = START.matcher(m);
    if (start.matches()) {
      return "START "
          + start.group(1)
          + (start.group(2).equals("$LATEST") ? "" : " v" + start.group(2));
    }
    return m.startsWith("REPORT RequestId: ") ? report(m) : m;
  }

  static Kind kind(String message) {
    if (message.startsWith("REPORT ")) {
      return message.contains("\tStatus: ")
          ? Kind.ERROR
          : message.contains("\tInit Duration: ") ? Kind.COLD : Kind.PLAIN;
    }
    if (message.startsWith("INIT_START ")) {
      return Kind.COLD;
    }
    boolean error =
        message.startsWith("INIT_REPORT ")
            || (message.startsWith("RequestId: ") && message.contains(" Error: "))
            || message.contains("Task timed out")
            || message.contains("\tERROR\t")
            || message.startsWith("[ERROR]")
            || message.startsWith("ERROR ");
    return error ? Kind.ERROR : Kind.PLAIN;
  }

  private static String report(String line) {
    java.util.Map<String, String> f = new java.util.HashMap<>();
    for (String part : line.split("\t")) {
      Matcher m = FIELD.matcher(part.strip());
      if (m.matches()) {
        f.put(m.group(1).strip(), m.group(2).strip());
      }
    }
    StringBuilder b = new StringBuilder("REPORT ").append(f.getOrDefault("Duration", "?"));
    b.append(" (billed ").append(number(f.get("Billed Duration"))).append(") ");
    b.append(number(f.get("Max Memory Used"))).append('/').append(number(f.get("Memory Size")));
    b.append(" MB");
    if (f.containsKey("Init Duration")) {
      b.append(" cold ").append(f.get("Init Duration"));
    }
    if (f.containsKey("Status")) {
      b.append(' ').append(f.get("Status"));
      if (f.containsKey("Error Type")) {
        b.append(' ').append(f.get("Error Type"));
      }
    }
    return b.toString();
  }

  /** "4 ms" → "4". */
  private static String number(String value) {
    if (value == null) {
      return "?";
    }
    int space = value.indexOf(' ');
    return space < 0 ? value : value.substring(0, space);
  }
}
