package dev.outlet.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where a synchronous invocation runs in a cluster (issue 20). Pure: it reads what this node knows
 * of itself now and what the other nodes said in their last beats, and decides.
 *
 * <ol>
 *   <li>An idle sandbox of the version here: here, with no hop.
 *   <li>Else a node whose idle sandboxes of the version are more than the invocations this node has
 *       sent it for the function and that still run: there ({@link Reason#IDLE}).
 *   <li>Else, if this node has sandboxes of the function (all busy), here: the function grows where
 *       it is warm.
 *   <li>Else a node whose live sandboxes of the function are more than the invocations this node
 *       has sent it for the function: there ({@link Reason#WARM}). Its sandbox is most likely free
 *       again by the time the invocation arrives, and a function invoked through every node keeps
 *       one set of sandboxes, not one per node.
 *   <li>Else the least loaded node, by running invocations over capacity, counting what this node
 *       sent it; this node wins ties ({@link Reason#LEAST_LOADED}).
 * </ol>
 *
 * A node is a candidate only when it is {@link NodeRegistry.State#ACTIVE}, beat within {@link
 * #FRESH}, and runs fewer invocations than its capacity.
 */
public final class Placement {
  /**
   * How recent a node's last beat must be for it to take forwarded invocations: as long as the
   * cluster waits before marking a node down. A node's beats (every 2 s) reach another node through
   * that node's own beats (every 2 s), later still on a loaded machine, so a shorter window would
   * drop healthy nodes; a node that died within it refuses the connection, and the invocation runs
   * here.
   */
  public static final Duration FRESH = Duration.ofSeconds(10);

  private Placement() {}

  /** The decision. */
  public sealed interface Choice permits Here, There {}

  /** Run on this node. */
  public enum Here implements Choice {
    HERE
  }

  /** Forward to {@code node}, for {@code reason}. */
  public record There(NodeRegistry.Node node, Reason reason) implements Choice {}

  /** Why another node was chosen. */
  public enum Reason {
    /** It has an idle sandbox of the version. */
    IDLE,
    /** It has sandboxes of the function and this node has none. */
    WARM,
    /** It runs the least for its capacity. */
    LEAST_LOADED
  }

  /**
   * What this node knows of itself now.
   *
   * @param idle its idle sandboxes of exactly the version invoked
   * @param live its sandboxes of the function, running or idle
   */
  public record Self(String id, int idle, int live, int running, int capacity) {}

  /** The invocations this node forwarded that still run, per node (and function). */
  public interface Sent {
    int to(String node);

    int to(String node, String function);

    Sent NONE =
        new Sent() {
          @Override
          public int to(String node) {
            return 0;
          }

          @Override
          public int to(String node, String function) {
            return 0;
          }
        };
  }

  /**
   * Decides where an invocation of {@code function} (as its nodes' loads name it, with the region
   * prefix when not the home region) at {@code version} runs.
   */
  public static Choice place(
      String function,
      String version,
      Self self,
      List<NodeRegistry.Node> nodes,
      Sent sent,
      Instant now) {
    if (self.idle() > 0) {
      return Here.HERE;
    }
    String key = function + ":" + version;
    NodeRegistry.Node idle =
        mostSpare(nodes, self, sent, now, n -> n.load().idle().getOrDefault(key, 0), function);
    if (idle != null) {
      return new There(idle, Reason.IDLE);
    }
    if (self.live() > 0) {
      return Here.HERE;
    }
    NodeRegistry.Node warm =
        mostSpare(nodes, self, sent, now, n -> n.load().warm().getOrDefault(function, 0), function);
    if (warm != null) {
      return new There(warm, Reason.WARM);
    }
    NodeRegistry.Node best = null;
    double least = ratio(self.running(), self.capacity());
    for (NodeRegistry.Node n : nodes) {
      if (candidate(n, self, sent, now)) {
        double r = ratio(n.load().running() + sent.to(n.id()), n.capacity());
        if (r < least) {
          least = r;
          best = n;
        }
      }
    }
    return best == null ? Here.HERE : new There(best, Reason.LEAST_LOADED);
  }

  /**
   * The candidate with the most {@code sandboxes} beyond what this node sent it for {@code
   * function} and that still runs, or null when none has any to spare.
   */
  private static NodeRegistry.Node mostSpare(
      List<NodeRegistry.Node> nodes,
      Self self,
      Sent sent,
      Instant now,
      java.util.function.ToIntFunction<NodeRegistry.Node> sandboxes,
      String function) {
    NodeRegistry.Node best = null;
    int bestSpare = 0;
    for (NodeRegistry.Node n : nodes) {
      if (candidate(n, self, sent, now)) {
        int spare = sandboxes.applyAsInt(n) - sent.to(n.id(), function);
        if (spare > bestSpare) {
          best = n;
          bestSpare = spare;
        }
      }
    }
    return best;
  }

  private static boolean candidate(NodeRegistry.Node n, Self self, Sent sent, Instant now) {
    return !n.id().equals(self.id())
        && n.state() == NodeRegistry.State.ACTIVE
        && !n.heartbeat().plus(FRESH).isBefore(now)
        && n.load().running() + sent.to(n.id()) < n.capacity();
  }

  private static double ratio(int running, int capacity) {
    return capacity <= 0 ? Double.MAX_VALUE : (double) running / capacity;
  }
}
