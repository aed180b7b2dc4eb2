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
 */
public final class Registry implements AutoCloseable {
  /** AWS's largest layer: 52,000 MiB. */
  public static final long MAX_LAYER = 52_000L << 20;

  /** The largest manifest accepted: 4 MiB, what the OCI distribution spec has registries take. */
  public static final int MAX_MANIFEST = 4 << 20;

  private final ReentrantLock lock = new ReentrantLock();
  private final RegistryStore store;
  private final BlobStore blobs;
  private final Uploads uploads;
  private final String account;
  private final InstantSource clock;
  private final LoginTokens tokens;
  private volatile Map<String, Repository> repositories;

  private Registry(
      RegistryStore store,
      BlobStore blobs,
      String account,
      InstantSource clock,
      LoginTokens tokens) {
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
    Files.createDirectories(dir);
    BlobStore blobs = BlobStore.open(dir);
    LoginTokens tokens = LoginTokens.open(dir.resolve("token.key"), clock);
    RegistryStore store = RegistryStore.open(dir.resolve("registry.db"));
    return new Registry(store, blobs, account, clock, tokens);
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

  public Optional<Repository> repository(String name) {
    return Optional.ofNullable(repositories.get(name));
  }

  /** The repository, else NAME_UNKNOWN with ECR's words. */
  public Repository existing(String name) {
    Repository r = repositories.get(name);
    if (r == null) {
      throw RegistryError.nameUnknown(name, account);
    }
    return r;
  }

  /** Every repository, by name. */
  public List<Repository> repositories() {
    return List.copyOf(new TreeMap<>(repositories).values());
  }

  /** Creates {@code repo}; false (nothing changed) when one of that name exists. */
  public boolean create(Repository repo) {
    lock.lock();
    try {
      if (repositories.containsKey(repo.name())) {
        return false;
      }
      store.saveRepository(repo);
      publish();
      return true;
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
      return 0;
    } finally {
      lock.unlock();
    }
  }

  private void publish() {
    repositories = Map.copyOf(store.repositories());
  }

  // ---- blobs

  /** The size of a blob {@code repo} may read, if any. */
  public OptionalLong blob(String repo, Digest digest) {
    existing(repo);
    OptionalLong size = store.linked(repo, digest);
    return size.isPresent() && blobs.exists(digest) ? size : OptionalLong.empty();
  }

  public Path blobFile(Digest digest) {
    return blobs.path(digest);
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
      store.link(repo, digest, size.getAsLong());
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
    blobs.commit(upload.file(), actual);
    uploads.finished(upload);
    lock.lock();
    try {
      existing(upload.repository());
      store.link(upload.repository(), actual, upload.size());
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
    if (store.linked(repo, d.digest()).isEmpty() || !blobs.exists(d.digest())) {
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

  /** Deletes the image {@code digest} with its tags; false when there is none. */
  public boolean deleteImage(String repo, Digest digest) {
    lock.lock();
    try {
      existing(repo);
      return store.deleteManifest(repo, digest);
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
      Optional<Digest> digest = store.tagged(repo, tag);
      if (digest.isEmpty()) {
        return false;
      }
      store.deleteTag(repo, tag);
      boolean stillTagged =
          store.images(repo).stream()
              .anyMatch(i -> i.digest().equals(digest.get()) && !i.tags().isEmpty());
      if (!stillTagged) {
        store.deleteManifest(repo, digest.get());
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
