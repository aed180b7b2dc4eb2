package dev.outlet.api;

import dev.outlet.api.model.CreateFunctionRequest;
import dev.outlet.api.model.UpdateFunctionCodeRequest;
import dev.outlet.api.model.UpdateFunctionConfigurationRequest;
import dev.outlet.core.CodeRef;
import dev.outlet.core.CodeStore;
import dev.outlet.core.Entrypoint;
import dev.outlet.core.EntrypointResolver;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.FunctionConfig;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.FunctionRepository;
import dev.outlet.core.ImageResolver;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Limits;
import dev.outlet.core.RuntimePlanner;
import dev.outlet.invoke.SandboxPool;
import dev.outlet.sandbox.SandboxSpec;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The control plane: create, update, delete functions and their concurrency settings.
 *
 * <p>Contract: a change is validated completely (code stored and inspected) before anything is
 * recorded; it is made durable in the repository first, then published to the registry, then the
 * pool retires outdated sandboxes. Mutations are serialized by one lock (the control plane is not a
 * hot path); package extraction happens before the lock. Blocking: call off event loops.
 */
public final class FunctionService {
  private static final String PRECONDITION =
      "The Revision Id provided does not match the latest Revision Id. Call the"
          + " GetFunction/GetAlias API to retrieve the latest Revision Id";

  private final FunctionRepository repository;
  private final CodeStore code;
  private final EntrypointResolver entrypoints;
  private final RuntimePlanner runtimes;
  private final SandboxPool pool;
  private final FunctionRegistry registry;
  private final InstantSource clock;
  private final dev.outlet.core.Account account;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile RoleCheck roles = RoleCheck.ANY;
  private volatile QueueDirectory queues = QueueDirectory.ANY;
  private volatile LayerStore layers;
  private volatile SnapStartInit snapStart = SnapStartInit.NONE;
  private final ImagePackages images = new ImagePackages();
  private final VersionService versions;

  public FunctionService(
      FunctionRepository repository,
      CodeStore code,
      EntrypointResolver entrypoints,
      RuntimePlanner runtimes,
      SandboxPool pool,
      FunctionRegistry registry,
      InstantSource clock,
      dev.outlet.core.Account account) {
    this.repository = repository;
    this.code = code;
    this.entrypoints = entrypoints;
    this.runtimes = runtimes;
    this.pool = pool;
    this.registry = registry;
    this.clock = clock;
    this.account = account;
    this.versions = new VersionService(this, repository, registry, clock, account);
  }

  /**
   * From now on, roles named by CreateFunction and UpdateFunctionConfiguration pass {@code check}.
   */
  public void useRoleCheck(RoleCheck check) {
    this.roles = check;
  }

  /** From now on, a dead-letter queue or destination must be one of {@code directory}'s. */
  public void useQueues(QueueDirectory directory) {
    this.queues = directory;
  }

  /** Whether {@code arn} may name a queue ({@link QueueDirectory}). */
  boolean queueExists(String arn) {
    return queues.exists(arn);
  }

  private void checkDeadLetter(FunctionConfig config) {
    queues.checkDeadLetter(config.deadLetterTargetArn());
  }

  /**
   * From now on functions may name layer versions of {@code store}, shown merged at /opt; call
   * before {@link #load}. Without one, naming layers is refused.
   */
  public void useLayers(LayerStore store) {
    this.layers = store;
  }

  /**
   * From now on versions published with SnapStart ({@code ApplyOn: PublishedVersions}) are
   * initialized once by {@code init} when they are published (and, when what that left is gone,
   * when they are loaded); call before {@link #load}.
   */
  public void useSnapStart(SnapStartInit init) {
    this.snapStart = init;
  }

  /**
   * From now on container-image functions ({@code PackageType: Image}) take their images from
   * {@code resolver}; call before {@link #load}. Without one, they are refused.
   */
  public void useImages(ImageResolver resolver) {
    images.use(resolver);
  }

  SnapStartInit snapStart() {
    return snapStart;
  }

  /** Loads every stored function into the registry and drops code no function uses. */
  public int load() {
    Set<String> live = new HashSet<>();
    int count = 0;
    for (FunctionRecord r : repository.loadAll()) {
      publish(r);
      live.add(r.code().sha256Hex());
      count++;
    }
    live.addAll(versions.load());
    if (layers != null) {
      live.addAll(layers.liveCode());
    }
    code.retainOnly(live);
    forgetUnused();
    return count;
  }

  /**
   * Brings the registry up to what the repository holds, after another node (sharing the
   * repository) created, changed or deleted functions, versions or aliases: what changed is
   * published again, what is gone is removed with its sandboxes, what is the same is left alone.
   * Under the control plane's lock, so it never interleaves with a change of this node's.
   */
  public void refresh() {
    Set<String> changed = new HashSet<>();
    Set<String> gone = new HashSet<>();
    lock.lock();
    try {
      Map<String, FunctionRecord> stored = new HashMap<>();
      for (FunctionRecord r : repository.loadAll()) {
        stored.put(r.name(), r);
        Deployed current = registry.find(r.name()).orElse(null);
        if (current == null || !current.record().equals(r)) {
          publish(r);
          changed.add(r.name());
        }
      }
      for (Deployed d : registry.all()) {
        String name = d.record().name();
        if (!stored.containsKey(name)) {
          registry.remove(name);
          pool.reserve(name, -1);
          gone.add(name);
        }
      }
      versions.load();
    } finally {
      lock.unlock();
    }
    gone.forEach(pool::retire);
    changed.forEach(this::retainLive);
    if (!changed.isEmpty() || !gone.isEmpty()) {
      forgetUnused();
    }
  }

  /** Versions and aliases: PublishVersion, DeleteFunction of a version, the alias operations. */
  public VersionService versions() {
    return versions;
  }

  /** Runs {@code change} under the control plane's lock (mutations are serialized). */
  <T> T locked(java.util.function.Supplier<T> change) {
    lock.lock();
    try {
      return change.get();
    } finally {
      lock.unlock();
    }
  }

  /** The data plane's view of a published version (or {@code $LATEST}) of a record. */
  Deployed deploy(FunctionRecord r, String version) {
    return new Deployed(r, spec(r, version));
  }

  /**
   * CreateFunction: validates {@code request} (AWS's rules and messages), stores and inspects its
   * package, then records and publishes the function. The REST path binds the request from JSON;
   * {@code local invoke} builds it with the zip's bytes.
   */
  public Deployed create(CreateFunctionRequest request) {
    String name = RequestValidator.functionName(request);
    FunctionConfig config = withLayers(RequestValidator.config(request, null), request.layers());
    boolean image = RequestValidator.packageImage(request);
    if (!image) {
      runtimes.check(config.runtime());
    }
    roles.check(name, config.role());
    checkDeadLetter(config);
    CodeRef ref;
    Entrypoint entry;
    if (image) {
      ref = images.created(request, config);
      entry = null;
    } else {
      ref = code.store(RequestValidator.zipFile(request.code()));
      checkUnzippedSize(ref, config);
      entry = resolve(ref, config);
    }
    lock.lock();
    try {
      if (registry.find(name).isPresent()) {
        throw LambdaException.conflict("Function already exist: " + name);
      }
      FunctionRecord record =
          new FunctionRecord(
              name, config, ref, entry, revision(), clock.instant(), FunctionRecord.NO_RESERVATION);
      repository.insert(record);
      return publish(record);
    } finally {
      lock.unlock();
    }
  }

  void forgetUnusedStartupCaches() {
    forgetUnused();
  }

  public Deployed get(String name) {
    return registry
        .find(name)
        .orElseThrow(() -> LambdaException.notFound("Function not found: " + arnOf(name)));
  }

  /** UpdateFunctionConfiguration: what the request names replaces the current value. */
  public Deployed updateConfiguration(String name, UpdateFunctionConfigurationRequest request) {
    Deployed current = get(name);
    FunctionConfig config =
        withLayers(RequestValidator.config(request, current.record().config()), request.layers());
    CodeRef currentCode = current.record().code();
    boolean image = currentCode.containerImage();
    if (!image) {
      checkUnzippedSize(currentCode, config);
    }
    if (request.deadLetterConfig() != null) {
      checkDeadLetter(config);
    }
    if (request.role() != null) {
      roles.check(name, config.role());
    }
    // an image's new ImageConfig is its code's; a zip's code stays what it is under the lock
    CodeRef imageCode =
        image ? images.reconfigured(currentCode, request.imageConfig(), config) : null;
    Entrypoint entry = null;
    if (!image) {
      if (!config.runtime().equals(current.record().config().runtime())) {
        runtimes.check(config.runtime());
      }
      entry = resolve(currentCode, config);
    }
    Entrypoint finalEntry = entry;
    return replace(
        name,
        request.revisionId(),
        r ->
            new FunctionRecord(
                name,
                config,
                image ? imageCode : r.code(),
                finalEntry,
                revision(),
                clock.instant(),
                r.reservedConcurrency()));
  }

  /** UpdateFunctionCode: a new package, and the architecture when the request names one. */
  public Deployed updateCode(String name, UpdateFunctionCodeRequest request) {
    Deployed current = get(name);
    FunctionConfig config = current.record().config();
    if (request.architectures() != null) {
      config =
          config.withArchitecture(
              RequestValidator.architecture(request.architectures(), config.architecture()));
    }
    CodeRef ref;
    Entrypoint entry;
    if (current.record().code().containerImage()) {
      ref = images.updated(current.record().code(), request, config);
      entry = null;
    } else {
      if (request.imageUri() != null) {
        throw LambdaException.invalidParameter(
            "Please don't provide ImageUri when updating a function with packageType Zip.");
      }
      ref = code.store(RequestValidator.zipFile(request.code()));
      checkUnzippedSize(ref, config);
      entry = resolve(ref, config);
    }
    FunctionConfig finalConfig = config;
    return replace(
        name,
        request.revisionId(),
        r ->
            new FunctionRecord(
                name,
                finalConfig,
                ref,
                entry,
                revision(),
                clock.instant(),
                r.reservedConcurrency()));
  }

  public void delete(String name) {
    lock.lock();
    try {
      get(name);
      repository.delete(name);
      registry.remove(name);
      pool.reserve(name, -1);
    } finally {
      lock.unlock();
    }
    pool.retire(name);
    forgetUnused();
  }

  /** PutFunctionConcurrency; returns the value set. */
  public int putConcurrency(String name, int reserved) {
    lock.lock();
    try {
      Deployed d = get(name);
      int others = pool.reservedTotal() - Math.max(0, d.record().reservedConcurrency());
      if (reserved < 0) {
        throw LambdaException.validation(
            Integer.toString(reserved),
            "reservedConcurrentExecutions",
            "Member must have value greater than or equal to 0");
      }
      if (pool.accountLimit() - others - reserved < Limits.MIN_UNRESERVED_CONCURRENCY) {
        throw LambdaException.invalidParameter(
            "Specified ReservedConcurrentExecutions for function decreases account's"
                + " UnreservedConcurrentExecution below its minimum value of [100].");
      }
      store(d.record(), reserved);
      return reserved;
    } finally {
      lock.unlock();
    }
  }

  public void deleteConcurrency(String name) {
    lock.lock();
    try {
      store(get(name).record(), FunctionRecord.NO_RESERVATION);
    } finally {
      lock.unlock();
    }
  }

  private void store(FunctionRecord r, int reserved) {
    FunctionRecord next =
        new FunctionRecord(
            r.name(),
            r.config(),
            r.code(),
            r.entrypoint(),
            r.revisionId(),
            r.lastModified(),
            reserved);
    if (!repository.replace(next, r.revisionId())) {
      throw conflictInProgress(r.name());
    }
    publish(next);
  }

  private Deployed replace(
      String name,
      String expectedRevision,
      java.util.function.UnaryOperator<FunctionRecord> change) {
    Deployed d;
    lock.lock();
    try {
      FunctionRecord current = get(name).record();
      if (expectedRevision != null && !expectedRevision.equals(current.revisionId())) {
        throw new LambdaException(ErrorCode.PRECONDITION_FAILED, PRECONDITION);
      }
      FunctionRecord next = change.apply(current);
      if (!repository.replace(next, current.revisionId())) {
        throw conflictInProgress(name);
      }
      d = publish(next);
    } finally {
      lock.unlock();
    }
    retainLive(name);
    forgetUnused();
    return d;
  }

  /**
   * Tells the pool which of the function's sandboxes may stay warm: those of its {@code $LATEST}
   * and published versions as they are now.
   */
  void retainLive(String name) {
    java.util.Set<String> keys = new HashSet<>();
    registry.find(name).ifPresent(d -> keys.add(d.spec().key()));
    registry.lineage(name).versions().values().forEach(v -> keys.add(v.spec().key()));
    pool.retainKeys(name, keys);
  }

  /**
   * Startup caches (a JVM's is tens of megabytes) and image root filesystems no function or version
   * uses any more go.
   */
  private void forgetUnused() {
    List<Deployed> live = new java.util.ArrayList<>();
    for (Deployed d : registry.all()) {
      live.add(d);
      live.addAll(registry.lineage(d.record().name()).versions().values());
    }
    runtimes.retain(live.stream().map(d -> d.spec().launch()).toList());
    images.retain(live);
  }

  private LambdaException conflictInProgress(String name) {
    return LambdaException.conflict(
        "The operation cannot be performed at this time. An update is in progress for resource: "
            + arnOf(name));
  }

  private Deployed publish(FunctionRecord r) {
    Deployed d = deploy(r, "$LATEST");
    registry.put(d);
    pool.reserve(r.name(), r.reservedConcurrency());
    return d;
  }

  private SandboxSpec spec(FunctionRecord r, String version) {
    FunctionConfig c = r.config();
    Map<String, String> env = c.environment() == null ? Map.of() : c.environment();
    boolean image = r.code().containerImage();
    dev.outlet.core.LaunchPlan plan;
    java.nio.file.Path root;
    java.nio.file.Path opt = null;
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
  private FunctionConfig withLayers(FunctionConfig config, List<String> arns) {
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
  private static void checkUnzippedSize(CodeRef ref, FunctionConfig config) {
    long total = ref.unzippedSize();
    for (dev.outlet.core.LayerRef l : config.layers()) {
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
  private Entrypoint resolve(CodeRef ref, FunctionConfig config) {
    return entrypoints.resolve(
        code.root(ref),
        layers == null || config.layers().isEmpty() ? null : layers.merged(config.layers()),
        config.runtime(),
        config.handler(),
        config.architecture());
  }

  String arnOf(String name) {
    return account.functionArn(name);
  }

  static String revision() {
    return UUID.randomUUID().toString();
  }
}
