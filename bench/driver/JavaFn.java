import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Java (full mode): bench/java/Hello run by the official aws-lambda-java-runtime-interface-client
 * 2.10.1 from a bootstrap script (zip built by bench/run), MemorySize 2048: cold start (forced as
 * in {@link Cold}) and warm invokes at one connection.
 */
final class JavaFn {
  static final String FUNCTION = "java-hello";

  private JavaFn() {}

  static void run(Run run) throws Exception {
    Env env = run.env;
    Path zip = env.root().resolve("bench/.cache/java-hello.zip");
    if (!Files.exists(zip)) {
      run.fact("java", "skipped: " + zip + " was not built");
      return;
    }
    Api api = run.main.api;
    String handler = "bench.Hello::handleRequest";
    byte[] body = Api.createBody(FUNCTION, Files.readAllBytes(zip), 2048,
        Map.of("JAVA_CMD", env.java().toString()));
    String json = new String(body, java.nio.charset.StandardCharsets.UTF_8)
        .replace("\"Handler\":\"x\"", "\"Handler\":\"" + handler + "\"");
    api.create(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] event = "{\"name\":\"bench\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    api.invoke(FUNCTION, event, false);
    List<Double> cold = new ArrayList<>();
    List<Double> init = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      api.updateEnvironment(FUNCTION,
          Map.of("JAVA_CMD", env.java().toString(), "BENCH_COLD", Integer.toString(i)));
      Thread.sleep(200);
      Api.Invoked r = api.invoke(FUNCTION, event, true);
      if (r.cold()) {
        cold.add(r.millis());
        init.add(r.initMillis());
      }
    }
    run.add(Figure.of("java", "Java RIC hello: cold invoke to response", "ms", Stats.of(cold)));
    run.add(Figure.of("java", "Java RIC hello: REPORT Init Duration", "ms", Stats.of(init)));
    Path payload = env.work().resolve("artifacts/java-event.json");
    Files.write(payload, event);
    String url = api.invokeUrl(FUNCTION);
    Wrk.run(env, url, 1, 5, payload); // JIT warm-up of the function's JVM
    List<Wrk> warm = new ArrayList<>();
    for (int i = 0; i < env.plan().warmReps(); i++) {
      warm.add(Wrk.run(env, url, 1, env.plan().warmSeconds(), payload));
    }
    run.add(Figure.of("java", "Java RIC hello: warm c=1 invokes/s", "1/s", Wrk.rates(warm)));
    run.add(Figure.of("java", "Java RIC hello: warm c=1 latency", "us", Wrk.latency(warm)));
  }
}
