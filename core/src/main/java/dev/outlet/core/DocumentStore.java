package dev.outlet.core;

import java.util.Map;
import java.util.Optional;

/**
 * Small documents (JSON text) kept durably per owner (a function's name) and key (a qualifier, a
 * setting's kind, or ""): the settings that hang off a function (tags, layers, provisioned
 * concurrency, code signing, recursion, ...).
 *
 * <p>Contract: a write returns once it is durable (it survives {@code kill -9} of Outlet and a
 * crash of the database); reads answer from an immutable snapshot that already holds every write
 * this store made, so they never block on storage. Implementations shared by several nodes bring
 * the other nodes' writes into the snapshot shortly after they commit. Writes block: call them off
 * event loops.
 */
public interface DocumentStore extends AutoCloseable {
  Optional<String> get(String owner, String key);

  /** An owner's documents by key, in key order. */
  Map<String, String> all(String owner);

  /** Every owner's documents. */
  Map<String, Map<String, String>> everything();

  void put(String owner, String key, String document);

  void delete(String owner, String key);

  /** Deletes every document of {@code owner} (its function was deleted). */
  void deleteOwner(String owner);

  @Override
  void close();
}
