package dev.outlet.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Which node of a cluster owns a region's queues (SQS and the event source mappings that read
 * them): one node at a time serves them from their shared tables, the others relay its requests to
 * it. Ownership follows a lead (held while the owner's session to the database lives) and an epoch
 * (a fencing token): a node that took the queues over bumps it, and every write of the owner checks
 * it in its own transaction, so a node that lost the queues can write nothing more.
 *
 * <p>Messages a node that is not the owner sends (a rule's target, an invocation's destination) are
 * posted to a shared outbox, which the owner empties into its queues.
 */
public interface QueueOwnership extends AutoCloseable {
  /** A message posted for the owner: its id in the outbox, the queue's ARN and its encoding. */
  record Posted(long id, String queueArn, String payload) {}

  /** Whether this node holds the lead now (as of its last check). */
  boolean leads();

  /**
   * Records this node, reached at {@code address} (its API's {@code host:port}), as the owner: the
   * returned epoch is its fencing token until another node takes over.
   */
  long take(String node, String address);

  /** Throws, in {@code c}'s transaction, unless the owner's epoch is still {@code epoch}. */
  void fence(Connection c, long epoch) throws SQLException;

  /** The owner's address ({@code host:port} of its API), empty while no node has taken them. */
  Optional<String> owner();

  /**
   * A new connection of the owner's own to the region's tables, those of {@code component} brought
   * to {@code migrations}' newest version first.
   */
  Connection connect(String component, List<List<String>> migrations) throws SQLException;

  /** Whether the region has the queue {@code name} (as its owner last committed it). */
  boolean exists(String name);

  /** Posts {@code payload} for queue {@code queueArn}; committed when it returns. */
  void post(String queueArn, String payload);

  /** Up to {@code max} posted messages, oldest first. */
  List<Posted> posted(int max);

  /** Removes a posted message the owner has sent. */
  void remove(long id);

  /** Stops competing for the lead. */
  @Override
  void close();
}
