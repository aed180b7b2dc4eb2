package dev.outlet.invoke;

import java.util.List;

/**
 * Where accepted {@code Event} invocations are kept until they are settled (run, given up after
 * their retries, or their function gone), so that an event Outlet acknowledged with 202 survives a
 * crash of Outlet and runs after the restart (at least once, as Lambda's asynchronous invocations
 * do).
 */
public interface EventJournal extends AutoCloseable {

  /** An accepted event not yet settled. */
  record Pending(String functionName, InvokeRequest request) {}

  /** Stores {@code request} durably before it is acknowledged; blocks (never on an event loop). */
  void record(String functionName, InvokeRequest request);

  /** Forgets a settled event; never blocks the caller. */
  void settle(String requestId);

  /**
   * The accepted events nobody runs, oldest first, now this caller's to run: on one machine, every
   * event not settled before the last stop; in a cluster, those of nodes that stopped.
   */
  List<Pending> pending();

  /** Closes the journal; a settlement after this is dropped (the event runs again later). */
  @Override
  void close();
}
