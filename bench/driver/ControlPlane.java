import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Control plane: CreateFunction with a 5 MB and a 45 MB zip (random bytes + the bootstrap) to its
 * 201, against the floor of POSTing the same body to the Go server's /discard; then N functions
 * (tiny zips, 8 at a time) and ListFunctions over all of them, page by page.
 */
final class ControlPlane {
  private ControlPlane() {}

  static void run(Run run) throws Exception {
    Env env = run.env;
    Api api = run.main.api;
    try (Floor.EchoServer floor = new Floor.EchoServer(env)) {
      upload(run, api, floor, 5, env.plan().upload5Reps());
      upload(run, api, floor, 45, env.plan().upload45Reps());
    }

    int n = env.plan().listFunctions();
    List<Double> creates = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<Double>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] body = Api.createBody(String.format("list-%04d", i), run.artifacts.tinyZip, 128,
            Map.of());
        calls.add(pool.submit(() -> api.create(body)));
      }
      for (Future<Double> c : calls) {
        creates.add(c.get());
      }
    }
    run.add(Figure.of("control", "create-function, tiny zip, 8 concurrent", "ms",
        Stats.of(creates)));
    List<Double> lists = new ArrayList<>();
    int listed = 0;
    for (int i = 0; i < env.plan().listReps(); i++) {
      long t0 = System.nanoTime();
      listed = api.listAll();
      lists.add((System.nanoTime() - t0) / 1e6);
    }
    run.fact("functions_listed", listed);
    run.add(Figure.of("control",
            "list-functions, all " + listed + " (" + ((listed + 49) / 50) + " pages)", "ms",
            Stats.of(lists))
        .withNote("at least " + n + " functions; 50 per page as AWS"));
  }

  private static void upload(Run run, Api api, Floor.EchoServer floor, int mb, int reps)
      throws Exception {
    List<Double> outlet = new ArrayList<>();
    List<Double> base = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      byte[] zip = run.artifacts.paddedZip((long) mb << 20, mb * 1000L + i);
      byte[] body = Api.createBody("upload-" + mb + "mb-" + i, zip, 128, Map.of());
      base.add(Api.postMillis(floor.base + "/discard", body));
      try {
        outlet.add(api.create(body));
      } catch (java.io.IOException e) {
        run.error("create-function with a " + mb + " MB zip", e);
        return;
      }
    }
    run.add(Figure.against("control", "create-function " + mb + " MB zip: to 201", "ms",
        Stats.of(outlet), "same body POSTed to the Go server (read, 204)", Stats.of(base)));
  }
}
