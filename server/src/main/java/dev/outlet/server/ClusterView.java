package dev.outlet.server;

import dev.outlet.core.NodeRegistry;
import dev.outlet.core.Placement;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What this node knows of the cluster when it places an invocation: the nodes as of its last beat
 * (their state, load and idle sandboxes, read in the same statement the beat already makes: no
 * extra database work), and the invocations it forwarded that still run, per node and function. The
 * snapshot is replaced whole by the beat; the counts are this node's own, kept in memory.
 */
final class ClusterView implements Placement.Sent {
  /** This node's id and every node the last beat read (this one included). */
  record Snapshot(String self, List<NodeRegistry.Node> nodes) {
    static final Snapshot NONE = new Snapshot("", List.of());

    /** Whether another node could take an invocation. */
    boolean alone() {
      for (NodeRegistry.Node n : nodes) {
        if (!n.id().equals(self) && n.state() == NodeRegistry.State.ACTIVE) {
          return false;
        }
      }
      return true;
    }
  }

  private volatile Snapshot snapshot = Snapshot.NONE;
  private final ConcurrentHashMap<String, AtomicInteger> sent = new ConcurrentHashMap<>();
  private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The beat read {@code nodes}, this node being {@code self}; the listeners run after. */
  void seen(String self, List<NodeRegistry.Node> nodes) {
    snapshot = new Snapshot(self, List.copyOf(nodes));
    for (Runnable l : listeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(ClusterView.class)
            .warn("acting on the cluster's last beat failed: {}", e.toString());
      }
    }
  }

  /**
   * Runs {@code listener} after each beat (on the beat's thread, off the timer thread) until the
   * returned action is run.
   */
  Runnable onSeen(Runnable listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  Snapshot snapshot() {
    return snapshot;
  }

  /** An invocation of {@code function} was forwarded to {@code node}. */
  void forwarded(String node, String function) {
    counter(node).incrementAndGet();
    counter(node + "\n" + function).incrementAndGet();
  }

  /** A forwarded invocation ended, however. */
  void ended(String node, String function) {
    counter(node).decrementAndGet();
    counter(node + "\n" + function).decrementAndGet();
  }

  @Override
  public int to(String node) {
    AtomicInteger n = sent.get(node);
    return n == null ? 0 : n.get();
  }

  @Override
  public int to(String node, String function) {
    AtomicInteger n = sent.get(node + "\n" + function);
    return n == null ? 0 : n.get();
  }

  private AtomicInteger counter(String key) {
    return sent.computeIfAbsent(key, k -> new AtomicInteger());
  }
}
