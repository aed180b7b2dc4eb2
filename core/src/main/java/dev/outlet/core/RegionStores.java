package dev.outlet.core;

/**
 * Where one region's function state lives: the functions with their versions and aliases, their
 * code, and the documents beside them (tags, settings, layers, provisioned concurrency). On one
 * machine these are SQLite files and folders under the region's data folder; in a cluster, a
 * PostgreSQL database the nodes share, with the code in a blob store they share. The owner of what
 * it opened: closing it closes them.
 */
public interface RegionStores extends AutoCloseable {
  FunctionRepository functions();

  CodeStore code();

  /**
   * The document store named {@code name} ({@code tags}, {@code function-settings}, {@code layers},
   * {@code provisioned-concurrency}); the caller closes it.
   */
  DocumentStore documents(String name);

  /**
   * The definition store named {@code name} ({@code gateway}: HTTP APIs and Function URLs); the
   * caller closes it.
   */
  DefinitionStore definitions(String name);

  /**
   * Calls {@code reload} (on a thread of the store's) after another node changed functions,
   * versions or aliases, and after a time in which such changes may have gone unheard. Never called
   * on one machine, where this process is the only writer.
   */
  void onFunctionsChanged(Runnable reload);

  /**
   * In a cluster, the queue of work that must run on exactly one node per attempt (accepted {@code
   * Event} invocations), which a node's survivors take over when it stops; empty on one machine,
   * where that work has journals of its own.
   */
  java.util.Optional<ClaimQueue> sharedWork();

  /**
   * In a cluster, this node's grants of concurrency against limits that hold across the nodes
   * (reserved concurrency, the account's unreserved share); empty on one machine, where the sandbox
   * pool's own counts are the whole truth. Owned by the stores.
   */
  java.util.Optional<ConcurrencyLedger> sharedConcurrency();

  /** Which node fires the region's schedules, each tick once (owned by the stores). */
  ScheduleGate schedules();

  /**
   * In a cluster, which node owns the region's queues, and the outbox of the others' sends; empty
   * on one machine, where this process owns them.
   */
  default java.util.Optional<QueueOwnership> sharedQueues() {
    return java.util.Optional.empty();
  }

  /** Whether other processes share these stores (a cluster): said in {@code serve}'s ready line. */
  boolean shared();

  @Override
  void close();

  /** Opens a region's stores. */
  @FunctionalInterface
  interface Choice {
    /**
     * @param region the region's name ({@code us-east-1})
     * @param data the region's data folder (for what stays on this machine: caches, scratch)
     */
    RegionStores open(String region, java.nio.file.Path data) throws java.io.IOException;
  }
}
