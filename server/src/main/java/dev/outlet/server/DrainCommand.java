package dev.outlet.server;

import dev.outlet.core.NodeRegistry;
import dev.outlet.core.NodeRegistry.Node;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code outlet drain NODE --store URL [--wait]}: the first step of stopping a node without failing
 * a request. The node learns it on its next beat: its readiness check ({@code GET /_outlet/ready})
 * answers 503 so that a load balancer sends it no new requests, it stops taking over other nodes'
 * work, and it goes on serving what still reaches it. With {@code --wait} the command returns once
 * the node runs nothing (as its beats report), which is when it can be stopped.
 */
@Command(
    name = "drain",
    mixinStandardHelpOptions = true,
    description =
        "Drain a node of a cluster before stopping it: it answers 503 to readiness checks, takes"
            + " no other node's work, and finishes what it runs.")
final class DrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NODE", description = "The node's id (outlet cluster status).")
  String node;

  @Option(
      names = "--store",
      required = true,
      paramLabel = "URL",
      description = "The cluster's database, as given to outlet serve --store.")
  String store;

  @Option(
      names = "--wait",
      description = "Return only once the node runs nothing (or has left the cluster).")
  boolean await;

  @Option(
      names = "--timeout",
      defaultValue = "PT15M",
      paramLabel = "DURATION",
      description = "With --wait: give up after this long (ISO-8601, default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    return ClusterCommand.withNodes(store, err, (nodes, db, url) -> drain(nodes, err));
  }

  private int drain(NodeRegistry nodes, PrintWriter err) throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Optional<Node> found = find(nodes, node);
    if (found.isEmpty()) {
      err.println("outlet: no node " + node + " in the cluster (outlet cluster status lists them)");
      err.flush();
      return 1;
    }
    NodeRegistry.State state = found.get().state();
    if (state == NodeRegistry.State.DOWN) {
      err.println("outlet: node " + node + " is down: there is nothing to drain");
      err.flush();
      return 1;
    }
    Instant asked = Instant.now();
    if (state == NodeRegistry.State.ACTIVE) {
      nodes.transition(node, NodeRegistry.State.ACTIVE, NodeRegistry.State.DRAINING);
    }
    out.println(
        "node "
            + node
            + " draining: from its next beat its readiness check answers 503 and it takes no"
            + " other node's work");
    out.flush();
    if (!await) {
      return 0;
    }
    Instant deadline = asked.plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Optional<Node> now = find(nodes, node);
      if (now.isEmpty()) {
        out.println("node " + node + " has left the cluster");
        out.flush();
        return 0;
      }
      Node n = now.get();
      // a beat two periods after the drain was asked: its load is counted since it learnt it,
      // and every other node has beaten since, so none forwards invocations to it any more
      if (n.heartbeat().isAfter(asked.plus(ClusterNode.BEAT.multipliedBy(2)))
          && n.load().running() == 0) {
        out.println("node " + node + " drained: it runs nothing; stop it now");
        out.flush();
        return 0;
      }
      Thread.sleep(500);
    }
    err.println("outlet: node " + node + " still runs invocations after " + timeout);
    err.flush();
    return 1;
  }

  private static Optional<Node> find(NodeRegistry nodes, String id) {
    return nodes.nodes().stream().filter(n -> n.id().equals(id)).findFirst();
  }
}
