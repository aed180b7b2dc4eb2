package dev.outlet.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One server's registry: repositories, blobs, manifests and tags, shared by the Distribution API
 * ({@link RegistryHttp}) and ECR's ({@link EcrService}). Contract: 1. repositories are read from an
 * immutable snapshot (lock-free, fine on an event loop), replaced after each committed change; 2.
 * every change that checks and then writes (create or delete a repository, put a manifest under a
 * tag's immutability, link a blob) runs under this registry's one lock, innermost the store's; 3. a
 * blob is visible (linked to a repository) only after its bytes are in place under their digest,
 * and a manifest only once every blob it references is. Blocking methods: virtual threads only.
 *
 * <p>In a cluster ({@link #openShared}) the tables and the blobs are the nodes' shared ones and
 * other nodes change them too: a lookup off an event loop reads the repository as stored now (and
 * refreshes the snapshot with it), a repository is created only if no node made it first, and a
 * blob this node lacks is fetched from the shared store when first read.
 */
public final class Registry implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Registry.class);

  /** AWS's largest layer: 52,000 MiB. */
  public static final long MAX_LAYER = 52_000L << 20;

  /** The largest manifest accepted: 4 MiB, what the OCI distribution spec has registries take. */
  public static final int MAX_MANIFEST = 4 << 20;

  /**
   * How long a blob a push has uploaded, mounted or checked stays linked when no manifest names it
   * (an image naming it deleted meanwhile, or an upload no manifest followed): the push's manifest
   * comes within it.
   */
  public static final java.time.Duration PUSH_GRACE = java.time.Duration.ofHours(1);

  private final ReentrantLock lock = new ReentrantLock();
  private final RegistryStore store;
  private final BlobStore blobs;
  private final Uploads uploads;
  private final String account;
  private final InstantSource clock;
  private final java.time.Duration pushGrace;
  private final LoginTokens tokens;
  private final boolean shared;
  private volatile Map<String, Repository> repositories;

  private Registry(
      RegistryStore store,
      BlobStore blobs,
      String account,
      InstantSource clock,
      java.time.Duration pushGrace,
      LoginTokens tokens,
      boolean shared) {
    this.shared = shared;
    this.pushGrace = pushGrace;
    this.store = store;
    this.blobs = blobs;
    this.uploads = new Uploads(blobs, System::nanoTime);
    this.account = account;
    this.clock = clock;
    this.tokens = tokens;
    this.repositories = Map.copyOf(store.repositories());
  }

  /** Opens (creating) the registry kept in {@code dir} ({@code DATA/registry}). */
  public static Registry open(Path dir, String account, InstantSource clock) throws IOException {
    return open(dir, account, clock, PUSH_GRACE);
  }

  /** As {@link #open(Path, String, InstantSource)}, with a push's grace of {@code pushGrace}. */
  public static Registry open(
      Path dir, String account, InstantSource clock, java.time.Duration pushGrace)
      throws IOException {
    Files.createDirectories(dir);
    BlobStore blobs = BlobStore.open(dir);
    LoginTokens tokens = LoginTokens.open(dir.resolve("token.key"), clock);
    RegistryStore store = new RegistryStore(RegistryTables.sqlite(dir.resolve("registry.db")));
    return trimmed(new Registry(store, blobs, account, clock, pushGrace, tokens, false));
  }

  /**
   * Opens a cluster node's registry: {@code tables} and {@code sharedBlobs} are the nodes' shared
   * ones (closed with the registry), {@code dir} holds this node's cache of the blobs and its
   * uploads in progress, and login passwords are signed with {@code tokenKey}, the same on every
   * node, so a password one node issued opens every node's registry. A push's grace is {@code
   * pushGrace}.
   */
  public static Registry openShared(
      Path dir,
      String account,
      InstantSource clock,
      java.time.Duration pushGrace,
      RegistryTables tables,
      dev.outlet.core.BlobStore sharedBlobs,
      byte[] tokenKey)
      throws IOException {
    Files.createDirectories(dir);
    BlobStore blobs = BlobStore.open(dir, sharedBlobs);
    return trimmed(
        new Registry(
            new RegistryStore(tables),
            blobs,
            account,
            clock,
            pushGrace,
            new LoginTokens(tokenKey, clock),
            true));
  }

  /** {@code opened}, its unlinked blobs removed (a repository deleted while it was down). */
  private static Registry trimmed(Registry opened) throws IOException {
    try {
      opened.removeUnlinkedBlobs();
      return opened;
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /** Whether other nodes share this registry (a cluster). */
  public boolean shared() {
    return shared;
  }

  public String account() {
    return account;
  }

  public LoginTokens tokens() {
    return tokens;
  }

  InstantSource clock() {
    return clock;
  }

  // ---- repositories

  /**
   * The repository {@code name}: from the snapshot on an event loop; in a cluster, off event loops,
   * as stored now (another node may have made, changed or deleted it).
   */
  public Optional<Repository> repository(String name) {
    if (!shared || io.vertx.core.Context.isOnEventLoopThread()) {
      return Optional.ofNullable(repositories.get(name));
    }
    Optional<Repository> now = store.repository(name);
    if (!now.equals(Optional.ofNullable(repositories.get(name)))) {
      publish();
    }
    return now;
  }

  /** The repository, else NAME_UNKNOWN with ECR's words. */
  public Repository existing(String name) {
    Repository r = repository(name).orElse(null);
    if (r == null) {
      throw RegistryError.nameUnknown(name, account);
    }
    return r;
  }

  /** Every repository, by name (in a cluster, off event loops, as stored now). */
  public List<Repository> repositories() {
    if (shared && !io.vertx.core.Context.isOnEventLoopThread()) {
      publish();
    }
    return List.copyOf(new TreeMap<>(repositories).values());
  }

  /** Re-reads the repositories into the snapshot (blocking: another node changed them). */
  void refresh() {
    publish();
  }

  /** Creates {@code repo}; false (nothing changed) when one of that name exists. */
  public boolean create(Repository repo) {
    lock.lock();
    try {
      if (repository(repo.name()).isPresent()) {
        return false;
      }
      boolean created = store.createRepository(repo);
      publish();
      return created;
    } finally {
      lock.unlock();
    }
  }

  /** Replaces an existing repository's settings. */
  public void update(Repository repo) {
    lock.lock();
    try {
      existing(repo.name());
      store.saveRepository(repo);
      publish();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Deletes a repository: its images unless it has some and {@code force} is false, in which case
   * nothing changes and the image count is returned.
   */
  public int delete(String name, boolean force) {
    lock.lock();
    try {
      existing(name);
      int images = store.images(name).size();
      if (images > 0 && !force) {
        return images;
      }
      store.deleteRepository(name);
      publish();
      removingBlobs(true, name);
      return 0;
    } finally {
      lock.unlock();
    }
  }

  private void publish() {
    repositories = Map.copyOf(store.repositories());
  }

  // ---- blobs

  /** The size of a blob {@code repo} may read, if any (a pull's {@code GET}). */
  public OptionalLong blob(String repo, Digest digest) {
    existing(repo);
    return present(store.linked(repo, digest, null, null), digest);
  }

  /**
   * As {@link #blob}, asked by a client about to push ({@code HEAD}: a layer it finds is not sent
   * again), so the blob counts as seen by a push: kept for its manifest through the push's grace.
   */
  public OptionalLong checked(String repo, Digest digest) {
    existing(repo);
    return present(seen(repo, digest), digest);
  }

  private OptionalLong present(OptionalLong size, Digest digest) {
    return size.isPresent() && blobs.exists(digest) ? size : OptionalLong.empty();
  }

  private OptionalLong seen(String repo, Digest digest) {
    java.time.Duration quarter = pushGrace.dividedBy(4);
    java.time.Duration every =
        quarter.compareTo(java.time.Duration.ofMinutes(1)) < 0
            ? quarter
            : java.time.Duration.ofMinutes(1);
    return store.linked(repo, digest, clock.instant(), every);
  }

  /** Before this instant, a blob no manifest names is no push's any more. */
  private java.time.Instant unseenSince() {
    return clock.instant().minus(pushGrace);
  }

  /**
   * The file of blob {@code digest} (blocking: in a cluster it may be fetched first); it may not
   * exist.
   */
  public Path blobFile(Digest digest) throws IOException {
    return blobs.file(digest);
  }

  /** Links a blob {@code from} holds into {@code repo}; false when {@code from} has none. */
  public boolean mount(String repo, String from, Digest digest) {
    existing(repo);
    if (repository(from).isEmpty()) {
      return false;
    }
    OptionalLong size = blob(from, digest);
    if (size.isEmpty()) {
      return false;
    }
    lock.lock();
    try {
      existing(repo);
      store.link(repo, digest, size.getAsLong(), clock.instant());
      return true;
    } finally {
      lock.unlock();
    }
  }

  Uploads uploads() {
    return uploads;
  }

  /**
   * Finishes {@code upload} as {@code expected}: its bytes moved into place and linked, or, when
   * the digest differs, the upload discarded and DIGEST_INVALID.
   */
  void commit(Upload upload, Digest expected) throws IOException {
    Digest actual;
    try {
      actual = upload.finish();
    } catch (IOException e) {
      uploads.discard(upload);
      throw e;
    }
    if (!actual.equals(expected)) {
      uploads.discard(upload);
      throw new RegistryError(
          RegistryError.Code.DIGEST_INVALID,
          "provided digest did not match uploaded content",
          expected.toString());
    }
    blobs.share(upload.file(), actual);
    lock.lock(); // placed and linked under the lock under which unlinked blobs are removed
    try {
      blobs.place(upload.file(), actual);
      uploads.finished(upload);
      existing(upload.repository());
      store.link(upload.repository(), actual, upload.size(), clock.instant());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes this node's blob files no repository links any more (those of deleted repositories and
   * images; in a cluster, this node's copies of them); how many. Runs at open and after each
   * repository or image deleted here.
   */
  public int removeUnlinkedBlobs() throws IOException {
    lock.lock();
    try {
      return blobs.retainOnly(store.linkedDigests());
    } finally {
      lock.unlock();
    }
  }

  // ---- manifests

  /** The manifest {@code reference} (a tag or digest) names in {@code repo}. */
  public RegistryStore.ManifestBytes manifest(String repo, String reference) {
    existing(repo);
    Optional<Digest> digest =
        Digest.looksLikeDigest(reference)
            ? Optional.of(Digest.parse(reference))
            : store.tagged(repo, reference);
    return digest
        .flatMap(d -> store.manifest(repo, d))
        .orElseThrow(
            () ->
                new RegistryError(
                    RegistryError.Code.MANIFEST_UNKNOWN,
                    "manifest unknown to registry",
                    reference));
  }

  /** Stores a pushed manifest under {@code reference}; returns its digest. */
  public Digest putManifest(String repo, String reference, String contentType, byte[] body) {
    existing(repo);
    Digest digest = Digest.sha256(body);
    String tag = null;
    if (Digest.looksLikeDigest(reference)) {
      if (!Digest.parse(reference).equals(digest)) {
        throw new RegistryError(
            RegistryError.Code.DIGEST_INVALID,
            "manifest digest " + reference + " does not match its content (" + digest + ")",
            reference);
      }
    } else if (Names.isTag(reference)) {
      tag = reference;
    } else {
      throw new RegistryError(RegistryError.Code.TAG_INVALID, "invalid tag", reference);
    }
    Manifest parsed = ManifestParser.parse(body, contentType);
    lock.lock();
    try {
      Repository r = existing(repo);
      for (Manifest.Descriptor d :
          parsed.config() == null ? List.<Manifest.Descriptor>of() : List.of(parsed.config())) {
        requireBlob(repo, d);
      }
      for (Manifest.Descriptor d : parsed.blobs()) {
        if (parsed.kind() == Manifest.Kind.IMAGE) {
          requireBlob(repo, d);
        } else if (store.manifest(repo, d.digest()).isEmpty()) {
          throw new RegistryError(
              RegistryError.Code.MANIFEST_BLOB_UNKNOWN,
              "manifest " + d.digest() + " referenced by the index is unknown to registry",
              d.digest().toString());
        }
      }
      if (tag != null && r.immutableTags()) {
        Optional<Digest> current = store.tagged(repo, tag);
        if (current.isPresent() && !current.get().equals(digest)) {
          throw new RegistryError(
              RegistryError.Code.TAG_INVALID,
              "The image tag '"
                  + tag
                  + "' already exists in the '"
                  + repo
                  + "' repository and cannot be overwritten because the repository is immutable.",
              tag);
        }
      }
      store.putManifest(repo, digest, parsed, body, clock.instant(), tag);
      return digest;
    } finally {
      lock.unlock();
    }
  }

  private void requireBlob(String repo, Manifest.Descriptor d) {
    if (seen(repo, d.digest()).isEmpty() || !blobs.exists(d.digest())) {
      throw new RegistryError(
          RegistryError.Code.MANIFEST_BLOB_UNKNOWN,
          "blob unknown to registry",
          d.digest().toString());
    }
  }

  public List<String> tags(String repo) {
    existing(repo);
    return store.tags(repo);
  }

  public List<StoredImage> images(String repo) {
    existing(repo);
    return store.images(repo);
  }

  /**
   * Deletes the image {@code digest} with its tags, and the blobs no image left in {@code repo} or
   * in another repository names; false when there is none.
   */
  public boolean deleteImage(String repo, Digest digest) {
    lock.lock();
    try {
      existing(repo);
      return removingBlobs(store.deleteManifest(repo, digest, unseenSince()), repo);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes {@code tag}, and the image it named when that was the image's last tag (as ECR's
   * BatchDeleteImage does); false when there was no such tag.
   */
  public boolean deleteTag(String repo, String tag) {
    lock.lock();
    try {
      existing(repo);
      return removingBlobs(store.deleteTag(repo, tag, unseenSince()), repo);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Unlinks the blobs no manifest names whose push's grace has passed (layers an image deleted
   * within it left linked for a push that checked them), then removes the files nothing links; how
   * many files. Runs at each pass of the server's collection.
   */
  public int collect() throws IOException {
    lock.lock();
    try {
      int unlinked = store.unlinkUnnamed(unseenSince());
      if (unlinked > 0) {
        LOG.info("registry: {} blob links no image names and no push wants let go", unlinked);
      }
      return removeUnlinkedBlobs();
    } finally {
      lock.unlock();
    }
  }

  /** After an image of {@code repo} was deleted ({@code deleted}): its blobs nothing else links. */
  private boolean removingBlobs(boolean deleted, String repo) {
    if (deleted) {
      try {
        removeUnlinkedBlobs();
      } catch (IOException | RuntimeException e) {
        LOG.warn("registry: cannot remove the blobs of an image of {}: {}", repo, e.toString());
      }
    }
    return deleted;
  }

  @Override
  public void close() {
    store.close();
    blobs.close();
  }
}
