package dev.outlet.api;

import dev.outlet.core.Account;
import dev.outlet.core.CodeRef;
import dev.outlet.core.CodeStore;
import dev.outlet.core.Entrypoint;
import dev.outlet.core.EntrypointResolver;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.ImageResolver;
import dev.outlet.core.LambdaException;
import dev.outlet.core.LaunchPlan;
import dev.outlet.core.LayerRef;
import dev.outlet.core.Limits;
import dev.outlet.core.RuntimePlanner;
import dev.outlet.sandbox.SandboxSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the sandboxes of a function's version run, from its record: its package's tree (or its
 * image's root filesystem), its layers merged at {@code /opt}, the entrypoint found in them and its
 * runtime's {@link LaunchPlan}, carried by one {@link SandboxSpec}. The control plane's one builder
 * of specs, and the owner of what it needs that the engine gives after construction: the layer
 * store ({@link #useLayers}) and the image resolver ({@link #useImages}, through {@link
 * ImagePackages}).
 *
 * <p>Thread-safe: the settings are volatile and meant to be given once, before {@link
 * FunctionService#load}; everything else is read-only. Blocking (a merged layer tree is built on
 * first use).
 */
final class SandboxSpecs {
  private final CodeStore code;
  private final EntrypointResolver entrypoints;
  private final RuntimePlanner runtimes;
  private final Account account;
  private final ImagePackages images = new ImagePackages();
  private volatile LayerStore layers;

  SandboxSpecs(
      CodeStore code, EntrypointResolver entrypoints, RuntimePlanner runtimes, Account account) {
    this.code = code;
    this.entrypoints = entrypoints;
    this.runtimes = runtimes;
    this.account = account;
  }

  /** From now on functions may name layer versions of {@code store}; without one they may not. */
  void useLayers(LayerStore store) {
    this.layers = store;
  }

  /** From now on container-image functions take their images from {@code resolver}. */
  void useImages(ImageResolver resolver) {
    images.use(resolver);
  }

  /** The control plane's side of container-image functions, with the resolver given here. */
  ImagePackages images() {
    return images;
  }

  /** The code digests the layer store's versions use (none without a layer store). */
  Set<String> liveLayerCode() {
    return layers == null ? Set.of() : layers.liveCode();
  }

  /** The sandboxes' spec of a published version (or {@code $LATEST}) of {@code r}. */
  SandboxSpec spec(FunctionRecord r, String version) {
    FunctionConfig c = r.config();
    Map<String, String> env = c.environment() == null ? Map.of() : c.environment();
    boolean image = r.code().containerImage();
    LaunchPlan plan;
    Path root;
    Path opt = null;
    if (image) { // its root filesystem is all it runs; an image has no layers
      plan = images.plan(r);
      root = plan.rootfs();
    } else {
      root = code.root(r.code());
      opt = layers == null ? null : layers.merged(c.layers());
      plan = runtimes.plan(c, root, opt, r.entrypoint());
    }
    return new SandboxSpec(
        version + "|" + (image ? r.code() : r.code().sha256Hex()) + "|" + c + "|" + r.entrypoint(),
        r.name(),
        version,
        c.runtime(),
        c.handler(),
        c.memorySize(),
        c.timeout(),
        c.ephemeralStorage(),
        c.architecture(),
        root,
        opt,
        plan,
        env,
        c.logging(),
        account.region());
  }

  /** {@code config} with the layers {@code arns} names (unchanged when null), resolved. */
  FunctionConfig withLayers(FunctionConfig config, List<String> arns) {
    if (arns == null) {
      return config;
    }
    if (!arns.isEmpty() && layers == null) {
      throw LambdaException.invalidParameter("Layers are not available here: use outlet serve.");
    }
    return config.withLayers(
        arns.isEmpty() ? List.of() : layers.resolve(arns, account.region(), account.id()));
  }

  /** AWS's 250 MB for the function's code and its layers, unzipped, together. */
  static void checkUnzippedSize(CodeRef ref, FunctionConfig config) {
    long total = ref.unzippedSize();
    for (LayerRef l : config.layers()) {
      total += l.code().unzippedSize();
    }
    if (total > Limits.UNZIPPED_CODE) {
      throw LambdaException.invalidParameter(
          "Function code combined with layers exceeds the maximum allowed size of "
              + Limits.UNZIPPED_CODE
              + " bytes. The actual size is "
              + total
              + " bytes.");
    }
  }

  /**
   * The executable the function's sandboxes start, looked for in its package then its layers; a
   * custom runtime with neither is accepted (its invocations fail with Runtime.InvalidEntrypoint).
   */
  Entrypoint entrypoint(CodeRef ref, FunctionConfig config) {
    return entrypoints.resolve(
        code.root(ref),
        layers == null || config.layers().isEmpty() ? null : layers.merged(config.layers()),
        config.runtime(),
        config.handler(),
        config.architecture());
  }

  /**
   * Startup caches (a JVM's is tens of megabytes) and image root filesystems no function or version
   * of {@code registry} uses any more go.
   */
  void forgetUnused(FunctionRegistry registry) {
    List<Deployed> live = new ArrayList<>();
    for (Deployed d : registry.all()) {
      live.add(d);
      live.addAll(registry.lineage(d.record().name()).versions().values());
    }
    runtimes.retain(live.stream().map(d -> d.spec().launch()).toList());
    images.retain(live);
  }
}
