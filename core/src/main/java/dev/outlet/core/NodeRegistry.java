package dev.outlet.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes of a cluster (issue 20): each registers itself when it starts, beats while it runs, and
 * is marked down by the others when its beats stop, so that its work can be taken over.
 *
 * <p>Contract: {@link #markDown} is a compare-and-set on the heartbeat the deciding node saw, so of
 * several nodes that find the same node overdue one marks it, and a heartbeat that arrives first
 * wins over a verdict made on an older one; {@link #heartbeat} of a node marked down returns false
 * (the node must stop taking work and join again under a new id). Times are the caller's clock.
 */
public interface NodeRegistry {

  /** What a node does now. */
  enum State {
    /** Takes any work. */
    ACTIVE,
    /** Finishes its work and takes no new work (outlet drain). */
    DRAINING,
    /** Missed its heartbeats: its work is the others' now. */
    DOWN
  }

  /**
   * One node.
   *
   * @param address where other nodes reach it (host:port of its node-to-node listener)
   * @param capacity how much work it takes at once (its account concurrency)
   */
  record Node(
      String id,
      String address,
      int capacity,
      State state,
      Instant started,
      Instant heartbeat,
      Load load) {}

  /**
   * What a node runs, as of its last beat: invocations running now, its live (warm) sandboxes per
   * function, and its idle ones per function and version ({@code name:version}), which is where
   * another node's invocation of that version would start at once.
   */
  record Load(
      int running,
      java.util.Map<String, Integer> warm,
      java.util.Map<String, Integer> idle,
      java.util.Map<String, Integer> provisioned) {
    public static final Load NONE =
        new Load(0, java.util.Map.of(), java.util.Map.of(), java.util.Map.of());

    public Load {
      warm = java.util.Map.copyOf(warm);
      idle = java.util.Map.copyOf(idle);
      provisioned = java.util.Map.copyOf(provisioned);
    }

    /** A load with no provisioned sandboxes counted. */
    public Load(
        int running, java.util.Map<String, Integer> warm, java.util.Map<String, Integer> idle) {
      this(running, warm, idle, java.util.Map.of());
    }

    /** A load with no idle sandboxes counted. */
    public Load(int running, java.util.Map<String, Integer> warm) {
      this(running, warm, java.util.Map.of());
    }

    /** Every live sandbox of the node. */
    public int warmTotal() {
      return warm.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** Registers a node that starts, {@link State#ACTIVE}, its heartbeat at its start. */
  void join(String id, String address, int capacity, Instant now);

  /** Records a beat and the node's load; false when the node is unknown or marked down. */
  boolean heartbeat(String id, Instant now, Load load);

  /** Moves a node from one state to another; false when it was not in {@code from}. */
  boolean transition(String id, State from, State to);

  /** Marks a node down if its last heartbeat is still {@code seen}; false otherwise. */
  boolean markDown(String id, Instant seen);

  /** Every node, in id order. */
  List<Node> nodes();

  /** Removes a node (down, its work taken over; or one that left). */
  void forget(String id);

  /**
   * The nodes marked down whose last heartbeat is more than {@code after} old at {@code now}: their
   * work was taken over long ago, and they leave the list. Pure.
   */
  static List<Node> forgettable(List<Node> nodes, Instant now, Duration after) {
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) {
      if (n.state() == State.DOWN && n.heartbeat().plus(after).isBefore(now)) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * The nodes {@code self} should mark down at {@code now}: active or draining, other than itself,
   * whose last heartbeat is more than {@code timeout} old. Pure.
   */
  static List<Node> overdue(List<Node> nodes, String self, Instant now, Duration timeout) {
    List<Node> out = new ArrayList<>();
    for (Node n : nodes) {
      if (!n.id().equals(self)
          && n.state() != State.DOWN
          && n.heartbeat().plus(timeout).isBefore(now)) {
        out.add(n);
      }
    }
    return out;
  }
}
