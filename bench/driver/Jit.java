import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Warm-up until the JIT is quiet: a warm figure is an invoke's steady cost, and compiling is the
 * start's. A fixed warm-up is not enough on every host: on one, C2 still took 258 of the 574 µs
 * per invoke of the first measured step at one connection, and 122 of 423 µs at 64 connections
 * (whose new sandboxes and wider fan-out run code the steps before had not).
 */
final class Jit {
  private Jit() {}

  /** One round of load. */
  @FunctionalInterface
  interface Load {
    void run() throws Exception;
  }

  /**
   * Runs {@code load} until the C1 and C2 compiler threads of {@code pids} take under 5 % of their
   * CPU in a round, at most 20 rounds; records the rounds as the fact {@code
   * warm_jit_rounds_until_compiler_quiet_<step>}.
   */
  static void untilQuiet(Run run, String step, List<Long> pids, Load load) throws Exception {
    int rounds = 0;
    long compiling = 0;
    long all = 0;
    while (rounds < 20) {
      Map<String, Long> before = threads(pids);
      load.run();
      Map<String, Long> after = threads(pids);
      rounds++;
      compiling = 0;
      all = 0;
      for (Map.Entry<String, Long> e : after.entrySet()) {
        long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
        all += d;
        if (e.getKey().endsWith("C1 Compiler") || e.getKey().endsWith("C2 Compiler")) {
          compiling += d;
        }
      }
      if (all > 0 && compiling * 20 < all) {
        break;
      }
    }
    run.fact("warm_jit_rounds_until_compiler_quiet_" + step,
        rounds + " (compilers " + compiling + " of " + all + " ticks in the last)");
  }

  /** Each process's threads by name, prefixed with the process (compiler names shortened). */
  private static Map<String, Long> threads(List<Long> pids) throws java.io.IOException {
    Map<String, Long> m = new HashMap<>();
    for (long pid : pids) {
      for (Map.Entry<String, Long> e : Cpu.threads(pid).entrySet()) {
        String name = e.getKey().startsWith("C1 Compiler") ? "C1 Compiler"
            : e.getKey().startsWith("C2 Compiler") ? "C2 Compiler" : e.getKey();
        m.merge(pid + " " + name, e.getValue(), Long::sum);
      }
    }
    return m;
  }
}
