package dev.outlet.invoke;

import java.util.List;

/**
 * Where accepted {@code Event} invocations are kept until they are settled (run, given up after
 * their retries, or their function gone), so that an event Outlet acknowledged with 202 survives a
 * crash of Outlet and runs after the restart (at least once, as Lambda's asynchronous invocations
 * do).
 */
public interface EventJournal {

  /** An accepted event not yet settled. */
  record Pending(String functionName, InvokeRequest request) {}

  /** Stores {@code request} durably before it is acknowledged; blocks (never on an event loop). */
  void record(String functionName, InvokeRequest request);

  /** Forgets a settled event; never blocks the caller. */
  void settle(String requestId);

  /** The events accepted and not settled, oldest first. */
  List<Pending> pending();
}
