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
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
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
 * hot path); package extraction happens before the lock. Blocking: call off event loops. What a
 * version's sandboxes run (layers, images, entrypoint, {@code SandboxSpec}) is {@code
 * SandboxSpecs}'s.
 */
public final class FunctionService {
  private static final String PRECONDITION =
      "The Revision Id provided does not match the latest Revision Id. Call the"
          + " GetFunction/GetAlias API to retrieve the latest Revision Id";

  private final FunctionRepository repository;
  private final CodeStore code;
  private final RuntimePlanner runtimes;
  private final SandboxPool pool;
  private final FunctionRegistry registry;
  private final InstantSource clock;
  private final dev.outlet.core.Account account;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile RoleCheck roles = RoleCheck.ANY;
  private volatile QueueDirectory queues = QueueDirectory.ANY;
  private volatile SnapStartInit snapStart = SnapStartInit.NONE;
  private final SandboxSpecs specs;
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
    this.runtimes = runtimes;
    this.pool = pool;
    this.registry = registry;
    this.clock = clock;
    this.account = account;
    this.specs = new SandboxSpecs(code, entrypoints, runtimes, account);
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
    specs.useLayers(store);
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
    specs.useImages(resolver);
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
    live.addAll(specs.liveLayerCode());
    code.retainOnly(live);
    specs.forgetUnused(registry);
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
      specs.forgetUnused(registry);
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
    return new Deployed(r, specs.spec(r, version));
  }

  /**
   * CreateFunction: validates {@code request} (AWS's rules and messages), stores and inspects its
   * package, then records and publishes the function. The REST path binds the request from JSON;
   * {@code local invoke} builds it with the zip's bytes.
   */
  public Deployed create(CreateFunctionRequest request) {
    String name = RequestValidator.functionName(request);
    FunctionConfig config =
        specs.withLayers(RequestValidator.config(request, null), request.layers());
    boolean image = RequestValidator.packageImage(request);
    if (!image) {
      runtimes.check(config.runtime());
    }
    roles.check(name, config.role());
    checkDeadLetter(config);
    CodeRef ref;
    Entrypoint entry;
    if (image) {
      ref = specs.images().created(request, config);
      entry = null;
    } else {
      ref = code.store(RequestValidator.zipFile(request.code()));
      SandboxSpecs.checkUnzippedSize(ref, config);
      entry = specs.entrypoint(ref, config);
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
    specs.forgetUnused(registry);
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
        specs.withLayers(
            RequestValidator.config(request, current.record().config()), request.layers());
    CodeRef currentCode = current.record().code();
    boolean image = currentCode.containerImage();
    if (!image) {
      SandboxSpecs.checkUnzippedSize(currentCode, config);
    }
    if (request.deadLetterConfig() != null) {
      checkDeadLetter(config);
    }
    if (request.role() != null) {
      roles.check(name, config.role());
    }
    // an image's new ImageConfig is its code's; a zip's code stays what it is under the lock
    CodeRef imageCode =
        image ? specs.images().reconfigured(currentCode, request.imageConfig(), config) : null;
    Entrypoint entry = null;
    if (!image) {
      if (!config.runtime().equals(current.record().config().runtime())) {
        runtimes.check(config.runtime());
      }
      entry = specs.entrypoint(currentCode, config);
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
      ref = specs.images().updated(current.record().code(), request, config);
      entry = null;
    } else {
      if (request.imageUri() != null) {
        throw LambdaException.invalidParameter(
            "Please don't provide ImageUri when updating a function with packageType Zip.");
      }
      ref = code.store(RequestValidator.zipFile(request.code()));
      SandboxSpecs.checkUnzippedSize(ref, config);
      entry = specs.entrypoint(ref, config);
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
    specs.forgetUnused(registry);
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
    specs.forgetUnused(registry);
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

  String arnOf(String name) {
    return account.functionArn(name);
  }

  static String revision() {
    return UUID.randomUUID().toString();
  }
}
