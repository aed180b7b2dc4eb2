import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Container-image functions (issue 17), on the main instance, each figure against a baseline from
 * the same run:
 *
 * <ol>
 *   <li>cold start of an image function whose root filesystem is unpacked, against the zip
 *       function of the same Go binary: both forced cold by an environment update before each
 *       invoke, alternating which goes first;
 *   <li>unpack time of a big image (256 MB quick, 1 GB full, {@code BENCH_IMAGE_MB} overrides):
 *       CreateFunction of a fresh tag (its own manifest digest, the same layers: Outlet unpacks it
 *       afresh) minus a second CreateFunction of the same tag (already unpacked: the same
 *       resolution, no unpack); against {@code tar -xzf} of the same layers in order into an empty
 *       folder of the same disk;
 *   <li>push throughput of that image with {@code skopeo copy} into a fresh repository (the
 *       previous one deleted: every layer uploaded; Outlet fsyncs each blob), against {@code cp}
 *       of the layer blobs into a fresh folder then {@code sync} of those files; beside it, for
 *       what bounds it, skopeo's copy of the same image into a local OCI layout then {@code sync}.
 * </ol>
 *
 * The images are OCI layouts the driver writes itself ({@link OciLayout}): the echo image is one
 * layer with {@code /bootstrap} (0755); the big one is three gzip layers of pseudo-random bytes
 * (stored: as big compressed as not): many small files (4–128 KB, 40 %), files of 1–8 MB
 * (30 %), three large files (30 %).
 */
final class Images {
  static final Path SKOPEO = Path.of("/usr/bin/skopeo");

  private Images() {}

  static void run(Run run) throws Exception {
    if (!Files.isExecutable(SKOPEO)) {
      throw new IOException("skopeo is needed to push images: apt-get install skopeo");
    }
    Outlet outlet = run.main;
    Path dir = Files.createDirectories(run.env.work().resolve("images"));
    String host = URI.create(outlet.endpoint).getAuthority();
    try {
      cold(run, outlet, dir, host);
    } catch (Exception e) {
      run.error("images: cold start", e);
    }
    big(run, outlet, dir, host);
  }

  // ---- 1. cold start, image against zip

  private static void cold(Run run, Outlet outlet, Path dir, String host) throws Exception {
    Api api = outlet.api;
    OciLayout echo = new OciLayout(dir.resolve("echo-layout"));
    Path bootstrap = run.env.tool("bootstrap");
    echo.layer(tar -> {
      try (InputStream in = Files.newInputStream(bootstrap)) {
        tar.file("bootstrap", 0755, in, Files.size(bootstrap));
      }
    });
    echo.tag("latest", List.of("/bootstrap"));
    api.createRepository("bench");
    skopeo(dir, "push-echo", "copy", "--dest-tls-verify=false", "oci:" + echo.dir + ":latest",
        "docker://" + host + "/bench:latest");

    String zipFn = "image-cold-zip";
    String imageFn = "image-cold-image";
    api.create(zipFn, run.artifacts.echoZip, Run.MEMORY_MB, Map.of());
    try {
      coldPairs(run, api, zipFn, imageFn, host);
    } finally {
      deleteQuietly(api, zipFn);
      deleteQuietly(api, imageFn);
    }
  }

  private static void deleteQuietly(Api api, String fn) {
    try {
      api.delete(fn);
    } catch (Exception e) {
      // not created, or already gone
    }
  }

  private static void coldPairs(Run run, Api api, String zipFn, String imageFn, String host)
      throws Exception {
    double created = api.createImage(imageFn, host + "/bench:latest", Run.MEMORY_MB, Map.of());
    run.fact("images_echo_create_ms", String.format("%.1f", created));
    answered(api.invoke(zipFn, Run.SMALL, false), zipFn); // page cache, JIT of the cold paths
    answered(api.invoke(imageFn, Run.SMALL, false), imageFn);
    List<Double> zip = new ArrayList<>();
    List<Double> image = new ArrayList<>();
    List<Double> imageInit = new ArrayList<>();
    List<Double> zipInit = new ArrayList<>();
    int warm = 0;
    for (int i = 0; i < run.env.plan().coldReps(); i++) {
      for (int k = 0; k < 2; k++) {
        boolean isImage = (i + k) % 2 == 0; // alternate which goes first
        String fn = isImage ? imageFn : zipFn;
        api.updateEnvironment(fn, Map.of("BENCH_COLD", Integer.toString(i)));
        Thread.sleep(100); // let the retired sandbox's teardown finish
        Api.Invoked r = answered(api.invoke(fn, Run.SMALL, true), fn);
        if (!r.cold()) {
          warm++;
          continue;
        }
        (isImage ? image : zip).add(r.millis());
        (isImage ? imageInit : zipInit).add(r.initMillis());
      }
    }
    Stats z = Stats.of(zip);
    Figure f = Figure.against("images", "image cold start: invoke to response", "ms",
        Stats.of(image), "zip cold start, same binary", z);
    f = f.withTarget("median <= zip + 2 ms", f.outlet().median() <= z.median() + 2);
    if (warm > 0) {
      f = f.withNote(warm + " invokes after an update were served warm and are not counted");
    }
    run.add(f);
    run.add(Figure.against("images", "image cold start: REPORT Init Duration", "ms",
        Stats.of(imageInit), "zip's Init Duration", Stats.of(zipInit)));
  }

  /** The invoke, unless the function failed (an answer with {@code errorType}): then throws. */
  private static Api.Invoked answered(Api.Invoked r, String fn) throws IOException {
    String body = new String(r.payload(), java.nio.charset.StandardCharsets.UTF_8);
    if (body.startsWith("{\"errorType\"")) {
      throw new IOException("Invoke " + fn + " failed: " + body);
    }
    return r;
  }

  // ---- 2 and 3. a big image: unpack and push

  private static void big(Run run, Outlet outlet, Path dir, String host) throws Exception {
    Env env = run.env;
    long mb = Long.parseLong(System.getenv().getOrDefault("BENCH_IMAGE_MB",
        env.full() ? "1024" : "256"));
    int unpackReps = env.full() ? 5 : 3;
    int pushReps = env.full() ? 3 : 2;
    long t0 = System.nanoTime();
    OciLayout big = bigImage(dir.resolve("big-layout"), mb << 20, unpackReps);
    long total = big.layerBytes();
    String size = mb >= 1024 && mb % 1024 == 0 ? (mb / 1024) + " GB" : mb + " MB";
    Run.log("images: wrote a %s image (%d layers, %.1f MB compressed) in %.1f s", size,
        big.layers.size(), total / 1e6, (System.nanoTime() - t0) / 1e9);
    run.fact("images_big_image", size + " uncompressed, " + big.layers.size() + " gzip layers, "
        + total + " bytes compressed");
    Api api = outlet.api;

    // 3. push: a fresh repository each time, the previous one deleted, so every layer is uploaded
    // (skopeo run as root keeps its blob-info cache in /var/lib/containers whatever its HOME, and
    // would otherwise mount the layers from the previous repository instead of sending them)
    List<Double> pushMbs = new ArrayList<>();
    List<Double> cpMbs = new ArrayList<>();
    List<Double> localMbs = new ArrayList<>();
    String repo = null;
    try {
      for (int i = 0; i < pushReps; i++) {
        for (int k = 0; k < 2; k++) {
          if ((i + k) % 2 == 0) {
            if (repo != null) {
              api.deleteRepository(repo);
            }
            repo = "bench-push-" + i;
            api.createRepository(repo);
            long s = System.nanoTime();
            skopeo(dir, "push-" + i, "copy", "--dest-tls-verify=false",
                "oci:" + big.dir + ":big-0", "docker://" + host + "/" + repo + ":big-0");
            pushMbs.add(total / 1e6 / ((System.nanoTime() - s) / 1e9));
          } else {
            cpMbs.add(total / 1e6 / (copyAndSync(big, dir.resolve("cp-" + i)) / 1e3));
            // skopeo's own cost, no registry: the same copy into a local layout, then sync
            Path local = dir.resolve("local-" + i);
            long s = System.nanoTime();
            skopeo(dir, "local-" + i, "copy", "oci:" + big.dir + ":big-0",
                "oci:" + local + ":big-0");
            List<String> sync = new ArrayList<>(List.of("sync"));
            try (var files = Files.walk(local)) {
              files.filter(Files::isRegularFile).forEach(f -> sync.add(f.toString()));
            }
            Procs.run(sync, 600);
            localMbs.add(total / 1e6 / ((System.nanoTime() - s) / 1e9));
            Procs.run(List.of("rm", "-rf", local.toString()), 600);
          }
        }
      }
      Stats cp = Stats.of(cpMbs);
      Figure f = Figure.against("images", "push " + size + " image (skopeo copy)", "MB/s",
          Stats.of(pushMbs), "cp of the layers + sync", cp);
      run.add(f.withNote(String.format("%.1f MB of gzip layers; ratio %.2f of the disk's copy",
          total / 1e6, f.ratio())));
      run.add(Figure.against("images", "skopeo copy to a local OCI layout + sync", "MB/s",
              Stats.of(localMbs), "cp of the layers + sync", cp)
          .withNote("skopeo's own cost, no registry: what bounds the push from the client's side"));
    } catch (Exception e) {
      run.error("images: push", e);
      return; // the unpack needs the pushed image
    }

    // 2. unpack: each tag has its own manifest digest over the same (already pushed) layers
    for (int k = 1; k <= unpackReps; k++) {
      skopeo(dir, "tag-" + k, "copy", "--dest-tls-verify=false",
          "oci:" + big.dir + ":big-" + k, "docker://" + host + "/" + repo + ":big-" + k);
    }
    List<Double> unpack = new ArrayList<>();
    List<Double> again = new ArrayList<>();
    List<Double> tar = new ArrayList<>();
    try {
      for (int k = 1; k <= unpackReps; k++) {
        for (int j = 0; j < 2; j++) {
          if ((k + j) % 2 == 0) {
            String uri = host + "/" + repo + ":big-" + k;
            double first = api.createImage("image-unpack-" + k, uri, Run.MEMORY_MB, Map.of());
            double second =
                api.createImage("image-unpacked-" + k, uri, Run.MEMORY_MB, Map.of());
            unpack.add(first - second);
            again.add(second);
            api.delete("image-unpack-" + k);
            api.delete("image-unpacked-" + k);
          } else {
            tar.add(tarExtract(big, dir.resolve("tar-" + k)));
          }
        }
      }
      Stats base = Stats.of(tar);
      Figure f = Figure.against("images",
          "unpack " + size + " image: CreateFunction - same, unpacked", "ms", Stats.of(unpack),
          "tar -xzf of the layers, same disk", base);
      run.add(f.withTarget("<= 2x tar -x", f.ratio() <= 2));
      run.add(Figure.of("images", "CreateFunction of an unpacked " + size + " image", "ms",
          Stats.of(again)));
    } catch (Exception e) {
      run.error("images: unpack", e);
    }
  }

  /** Three layers of pseudo-random files, tagged {@code big-0} to {@code big-<tags>}. */
  private static OciLayout bigImage(Path dir, long bytes, int tags) throws IOException {
    OciLayout l = new OciLayout(dir);
    SplittableRandom r = new SplittableRandom(17);
    long small = bytes * 4 / 10;
    long medium = bytes * 3 / 10;
    long large = bytes - small - medium;
    l.layer(tar -> { // many small files, 200 to a folder
      tar.dir("data", 0755);
      tar.dir("data/small", 0755);
      long left = small;
      for (int i = 0; left > 0; i++) {
        if (i % 200 == 0) {
          tar.dir("data/small/d" + (i / 200), 0755);
        }
        long n = Math.min(left, 4096 + r.nextLong(124 * 1024));
        tar.randomFile("data/small/d" + (i / 200) + "/f" + i, n, r);
        left -= n;
      }
    });
    l.layer(tar -> { // files of 1 to 8 MB
      tar.dir("data/medium", 0755);
      long left = medium;
      for (int i = 0; left > 0; i++) {
        long n = Math.min(left, (1L << 20) + r.nextLong(7L << 20));
        tar.randomFile("data/medium/m" + i, n, r);
        left -= n;
      }
    });
    l.layer(tar -> { // three large files
      tar.dir("data/large", 0755);
      for (int i = 0; i < 3; i++) {
        tar.randomFile("data/large/l" + i, i < 2 ? large / 3 : large - 2 * (large / 3), r);
      }
    });
    for (int k = 0; k <= tags; k++) {
      l.tag("big-" + k, List.of("/bin/true"));
    }
    return l;
  }

  /** {@code tar -xzf} of each layer in order into a fresh folder; ms; the folder is removed. */
  private static double tarExtract(OciLayout image, Path into) throws Exception {
    Files.createDirectories(into);
    long s = System.nanoTime();
    for (OciLayout.Layer layer : image.layers) {
      Procs.run(List.of("tar", "-xzf", layer.blob().toString(), "-C", into.toString()), 600);
    }
    double ms = (System.nanoTime() - s) / 1e6;
    Procs.run(List.of("rm", "-rf", into.toString()), 600);
    return ms;
  }

  /** {@code cp} of the layer blobs into a fresh folder, then {@code sync} of the copies; ms. */
  private static double copyAndSync(OciLayout image, Path into) throws Exception {
    Files.createDirectories(into);
    List<String> cp = new ArrayList<>(List.of("cp"));
    List<String> sync = new ArrayList<>(List.of("sync"));
    for (OciLayout.Layer layer : image.layers) {
      cp.add(layer.blob().toString());
      sync.add(into.resolve(layer.blob().getFileName()).toString());
    }
    cp.add(into.toString() + "/");
    long s = System.nanoTime();
    Procs.run(cp, 600);
    Procs.run(sync, 600);
    double ms = (System.nanoTime() - s) / 1e6;
    Procs.run(List.of("rm", "-rf", into.toString()), 600);
    return ms;
  }

  /**
   * Runs skopeo with its own policy (accept anything) and a home, runtime folder and auth file
   * of its own under {@code dir/skopeo-<home>}: a fresh home has no blob-info cache, so skopeo
   * uploads every layer rather than mounting it from another repository.
   */
  private static String skopeo(Path dir, String home, String... args) throws Exception {
    Path h = Files.createDirectories(dir.resolve("skopeo-" + home));
    Path policy = dir.resolve("policy.json");
    if (!Files.exists(policy)) {
      Files.writeString(policy, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
    }
    List<String> cmd = new ArrayList<>(List.of(SKOPEO.toString(), "--policy", policy.toString()));
    cmd.addAll(List.of(args));
    return Procs.run(cmd, 900, Map.of(
        "HOME", h.toString(),
        "XDG_RUNTIME_DIR", h.toString(),
        "REGISTRY_AUTH_FILE", h.resolve("auth.json").toString()));
  }
}
