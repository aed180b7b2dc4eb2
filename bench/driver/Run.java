import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one benchmark run that scenarios share: the environment, the inputs, the main Outlet
 * instance, and what has been measured so far. Used from the driver's main thread only.
 */
final class Run {
  static final byte[] SMALL = "{\"bench\":true}".getBytes(StandardCharsets.UTF_8);
  /** CPU share is proportional to memory, as on Lambda: 1,769 MB is one full vCPU. */
  static final int MEMORY_MB = 1769;

  final Env env;
  final Artifacts artifacts;
  final List<Figure> figures = new ArrayList<>();
  /** Facts worth keeping beside the figures (isolation in force, counts, errors). */
  final Map<String, String> facts = new LinkedHashMap<>();
  /** What failed (a scenario, or one measurement a scenario could not make); exit status 1. */
  final List<String> errors = new ArrayList<>();

  Outlet main;

  Run(Env env, Artifacts artifacts) {
    this.env = env;
    this.artifacts = artifacts;
  }

  void add(Figure f) {
    figures.add(f);
    log("%-12s %-44s median %s %s", f.scenario(), f.name(), Table.num(f.outlet().median()),
        f.unit());
  }

  void fact(String key, Object value) {
    facts.put(key, String.valueOf(value));
  }

  void error(String what, Throwable e) {
    String msg = e.getMessage() == null ? e.toString() : e.getMessage();
    errors.add(what + ": " + msg);
    log("%s FAILED: %s", what, msg);
  }

  static void log(String format, Object... args) {
    System.err.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"))
        + " bench: " + String.format(format, args));
  }
}
