package dev.outlet.core;

import java.util.Map;
import java.util.Set;

/**
 * How many invocations each node of a cluster may run at once, per scope (a function with reserved
 * concurrency, or the account's unreserved share), kept where every node sees it (issue 20). A node
 * holds a <em>grant</em> per scope; the grants of the nodes that are alive never add up to more
 * than the scope's limit, so the cluster never runs more than the limit however the invocations
 * fall on the nodes. A node runs within its grants without asking anyone, and asks only to grow
 * one.
 *
 * <p>Grants are leased: a node renews its own with {@link #keep}; the grants of a node that stopped
 * renewing (it died, or lost the database) stop counting after the lease, and the others may take
 * them. Calls block: never on an event loop.
 */
public interface ConcurrencyLedger extends AutoCloseable {

  /**
   * Sets this node's grant in {@code scope} to {@code want}, or to as much of it as {@code limit}
   * leaves beside the other nodes' live grants (never below 0), and renews its lease; the grant it
   * now holds.
   */
  int grow(String scope, int want, int limit);

  /**
   * Sets the grants named in {@code grants} to the given values (a node gives back what it no
   * longer uses) and renews this node's lease on every grant whose lease still runs; a grant whose
   * lease ran out (the node lost the database for longer) is dropped, as the others may have taken
   * its share. One transaction; the scopes whose grants this node still holds.
   */
  Set<String> keep(Map<String, Integer> grants);

  /** How long a grant counts without being renewed. */
  java.time.Duration lease();

  /** Gives back every grant of this node (it stops). */
  @Override
  void close();
}
