package dev.outlet.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.outlet.core.CodeRef;
import dev.outlet.core.CodeStore;
import dev.outlet.core.DocumentStore;
import dev.outlet.core.LambdaException;
import dev.outlet.core.LayerRef;
import dev.outlet.storage.StorageException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Layer versions: their metadata in {@code DATA/layers.db} (per layer name: each version, the
 * highest number ever published, each version's policy) and their zips in the content-addressed
 * code store, extracted once like function code. A function's layers are shown at /opt merged into
 * one read-only tree per ordered list of packages ({@code DATA/layers/<digest>}, hard links into
 * the extracted trees, later layers winning), built once and reused.
 *
 * <p>Contract: one lock orders writers; each write is committed before the method returns; reads
 * use the table's snapshot. Blocking: virtual threads only.
 */
public final class LayerStore implements AutoCloseable {
  /** A stored layer version. */
  record Version(
      @JsonProperty("version") long version,
      @JsonProperty("description") String description,
      @JsonProperty("createdDate") String createdDate,
      @JsonProperty("compatibleRuntimes") List<String> compatibleRuntimes,
      @JsonProperty("compatibleArchitectures") List<String> compatibleArchitectures,
      @JsonProperty("licenseInfo") String licenseInfo,
      @JsonProperty("code") CodeRef code) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final DocumentStore table;
  private final CodeStore code;
  private final Path merged;

  private LayerStore(DocumentStore table, CodeStore code, Path merged) {
    this.table = table;
    this.code = code;
    this.merged = merged;
  }

  /**
   * Layers kept in {@code table} (its owner from now on) with their packages in {@code code}; the
   * merged trees of functions' layers go under {@code dataDir/layers}.
   */
  public static LayerStore open(DocumentStore table, Path dataDir, CodeStore code) {
    return new LayerStore(table, code, dataDir.resolve("layers"));
  }

  /** Publishes a new version of {@code name} (numbers are never reused, even after a delete). */
  Version publish(
      String name,
      byte[] zip,
      String description,
      List<String> runtimes,
      List<String> architectures,
      String license,
      String createdDate) {
    CodeRef ref = code.store(zip);
    lock.lock();
    try {
      long next = table.get(name, "last").map(Long::parseLong).orElse(0L) + 1;
      Version v =
          new Version(next, description, createdDate, runtimes, architectures, license, ref);
      table.put(name, key(next), write(v));
      table.put(name, "last", Long.toString(next));
      return v;
    } finally {
      lock.unlock();
    }
  }

  Optional<Version> version(String name, long number) {
    return table.get(name, key(number)).map(LayerStore::read);
  }

  /** A layer's versions, newest first. */
  List<Version> versions(String name) {
    List<Version> out = new ArrayList<>();
    table
        .all(name)
        .forEach(
            (k, doc) -> {
              if (k.startsWith("v")) {
                out.add(read(doc));
              }
            });
    out.sort((a, b) -> Long.compare(b.version(), a.version()));
    return out;
  }

  /** Every layer name that has a version, in name order. */
  List<String> names() {
    List<String> out = new ArrayList<>();
    new TreeMap<>(table.everything())
        .forEach(
            (name, docs) -> {
              if (docs.keySet().stream().anyMatch(k -> k.startsWith("v"))) {
                out.add(name);
              }
            });
    return out;
  }

  void delete(String name, long number) {
    lock.lock();
    try {
      table.delete(name, key(number));
      table.delete(name, "policy:" + key(number));
    } finally {
      lock.unlock();
    }
  }

  Optional<String> policy(String name, long number) {
    return table.get(name, "policy:" + key(number));
  }

  void policy(String name, long number, String json) {
    if (json == null) {
      table.delete(name, "policy:" + key(number));
    } else {
      table.put(name, "policy:" + key(number), json);
    }
  }

  /** Runs {@code change} with the writers' lock held (policy read-modify-write). */
  <T> T locked(java.util.function.Supplier<T> change) {
    lock.lock();
    try {
      return change.get();
    } finally {
      lock.unlock();
    }
  }

  /** The code digests every stored layer version uses (the code store must keep them). */
  public Set<String> liveCode() {
    Set<String> out = new HashSet<>();
    for (String name : names()) {
      versions(name).forEach(v -> out.add(v.code().sha256Hex()));
    }
    return out;
  }

  /**
   * The layers a function names, resolved to their packages, in order.
   *
   * @throws LambdaException InvalidParameterValueException naming a layer version that does not
   *     exist (or belongs to another region or account)
   */
  public List<LayerRef> resolve(List<String> arns, String region, String account) {
    List<LayerRef> out = new ArrayList<>();
    for (String arn : arns) {
      String[] p = arn.split(":");
      Optional<Version> v =
          p.length == 8 && p[3].equals(region) && p[4].equals(account)
              ? version(p[6], Long.parseLong(p[7]))
              : Optional.empty();
      out.add(
          new LayerRef(
              arn,
              v.orElseThrow(
                      () ->
                          LambdaException.invalidParameter(
                              "Layer version " + arn + " does not exist."))
                  .code()));
    }
    return out;
  }

  /**
   * The merged tree of {@code layers} (later ones winning on the same path), built once per ordered
   * list of packages; null for none.
   */
  public Path merged(List<LayerRef> layers) {
    if (layers.isEmpty()) {
      return null;
    }
    StringBuilder ids = new StringBuilder();
    layers.forEach(l -> ids.append(l.code().sha256Hex()).append('\n'));
    Path dir = merged.resolve(digest(ids.toString()));
    if (Files.isDirectory(dir)) {
      return dir;
    }
    lock.lock();
    try {
      if (Files.isDirectory(dir)) {
        return dir;
      }
      Files.createDirectories(merged);
      Path building = Files.createTempDirectory(merged, ".building-");
      // the sandbox's user (not root) reads /opt: the temporary folder's 0700 would hide it
      Files.setPosixFilePermissions(
          building, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      for (LayerRef l : layers) {
        overlay(code.root(l.code()), building);
      }
      try {
        Files.move(building, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        // another process built it first
      }
      return dir;
    } catch (IOException e) {
      throw new StorageException("cannot merge layers into " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Links every file of {@code from} into {@code to}, replacing what is there. */
  private static void overlay(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path source : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          if (Files.isSymbolicLink(target) || Files.isRegularFile(target)) {
            Files.delete(target);
          }
          Files.createDirectories(target);
        } else {
          if (Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            deleteTree(target);
          } else {
            Files.deleteIfExists(target);
          }
          if (Files.isSymbolicLink(source)) {
            Files.createSymbolicLink(target, Files.readSymbolicLink(source));
          } else {
            Files.createLink(target, source);
          }
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String key(long number) {
    return String.format("v%012d", number);
  }

  private static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String write(Version v) {
    try {
      return WireJson.MAPPER.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new StorageException("cannot encode a layer version", e);
    }
  }

  private static Version read(String json) {
    try {
      return WireJson.MAPPER.readValue(json, Version.class);
    } catch (JsonProcessingException e) {
      throw new StorageException("cannot decode a stored layer version", e);
    }
  }

  @Override
  public void close() {
    table.close();
  }
}
