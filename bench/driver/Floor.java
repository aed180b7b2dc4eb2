import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The baselines' helper programs (bench/floor/*.go, built by bench/run): the Go echo server (the
 * floor for one HTTP exchange) and coldexec (the floor for starting a runtime).
 */
final class Floor {
  private Floor() {}

  /** The Go std-lib echo server, running until closed. */
  static final class EchoServer implements AutoCloseable {
    final Process process;
    final String base;

    EchoServer(Env env) throws IOException {
      process = new ProcessBuilder(env.tool("echo").toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      env.track(process.pid());
      BufferedReader r =
          new BufferedReader(new InputStreamReader(process.getInputStream()));
      String line = r.readLine();
      if (line == null || !line.startsWith("listening on ")) {
        process.destroyForcibly();
        throw new IOException("echo floor did not start: " + line);
      }
      base = "http://" + line.substring("listening on ".length()).trim();
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** exec -> first GET /next of the echo bootstrap, {@code n} times, in ms. */
  static List<Double> coldExec(Env env, int n) throws IOException, InterruptedException {
    String out = Procs.run(List.of(env.tool("coldexec").toString(),
        "-bin", env.tool("bootstrap").toString(), "-n", Integer.toString(n)), 300);
    String json = out.substring(out.lastIndexOf("{\"samples_ms\""));
    String list = json.substring(json.indexOf('[') + 1, json.indexOf(']'));
    return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(Double::parseDouble).toList();
  }
}
