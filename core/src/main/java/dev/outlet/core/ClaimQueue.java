package dev.outlet.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Durable work that must run once per attempt when several nodes take from it (issue 20): accepted
 * asynchronous invocations, queue batches, mapping work. A node <em>claims</em> items for a lease;
 * while the lease runs no other node can claim them; the owner settles an item when its attempt is
 * done, or renews the lease while it is still working. An owner that dies stops renewing, so its
 * claims come back to the others when their leases run out: nothing acknowledged is lost, and each
 * claim is one attempt.
 *
 * <p>Contract: {@link #add} is durable when it returns and ignores an id the queue already holds (a
 * retried accept adds nothing); {@link #claim} never gives one item to two owners whose leases
 * overlap, takes the oldest items first, and counts how many times each item was claimed; {@link
 * #renew}, {@link #settle} and {@link #release} act only for the item's current owner. Times are
 * the caller's clock (injected): the nodes' clocks must agree to well within a lease. Calls block:
 * off event loops.
 */
public interface ClaimQueue extends AutoCloseable {

  /**
   * An item given to an owner: its body, and how many times it was claimed (this claim included).
   */
  record Claimed(String id, byte[] body, int claims) {}

  /** Adds an item to {@code queue} unless the queue holds {@code id} already. */
  void add(String queue, String id, byte[] body);

  /**
   * Adds an item already claimed by {@code owner} (its first claim, leased until {@code now +
   * lease}) unless the queue holds {@code id} already: the node that accepted the work runs it
   * first, and the others take it only if that node stops renewing.
   */
  void addClaimed(String queue, String id, byte[] body, String owner, Instant now, Duration lease);

  /**
   * Gives {@code owner} up to {@code max} items of {@code queue}, oldest first, that no lease holds
   * at {@code now}, each leased to it until {@code now + lease}.
   */
  List<Claimed> claim(String queue, String owner, int max, Instant now, Duration lease);

  /**
   * Extends the owner's lease on an item to {@code now + lease}; false when it is not the owner's.
   */
  boolean renew(String queue, String id, String owner, Instant now, Duration lease);

  /**
   * Extends every lease {@code owner} still holds in {@code queue} (not those already run out) to
   * {@code now + lease}, in one step; how many it extended.
   */
  int renewAll(String queue, String owner, Instant now, Duration lease);

  /** Gives back every item {@code owner} holds in {@code queue} (it stops); how many. */
  int releaseAll(String queue, String owner);

  /** Removes an item whose attempt is done; false when it is not the owner's (another took it). */
  boolean settle(String queue, String id, String owner);

  /** Gives an item back before its lease ends; false when it is not the owner's. */
  boolean release(String queue, String id, String owner);

  /** How many items {@code queue} holds, claimed or not. */
  int size(String queue);

  @Override
  void close();
}
