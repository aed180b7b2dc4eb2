package dev.outlet.server;

import dev.outlet.core.Account;
import dev.outlet.core.DefinitionStore;
import dev.outlet.core.QueueOwnership;
import dev.outlet.core.RegionStores;
import dev.outlet.edge.Service;
import dev.outlet.engine.Engine;
import dev.outlet.events.QueueSender;
import dev.outlet.invoke.Invocations;
import dev.outlet.mappings.EventSourceMappings;
import dev.outlet.sqs.SqsService;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A region's queues and the event source mappings that read them: on one machine its own SQS
 * ({@code sqs.db}) and mappings, served by this node's edge; in a cluster this node's part in the
 * cluster's ({@link ClusterQueues}: the owner's queues and mappings when this node owns them, else
 * a relay to the node that does). What the rest of the region asks of them: whether an ARN names a
 * queue (for destinations and dead-letter queues), how to send to one, and what serves the API.
 */
final class RegionQueues implements AutoCloseable {
  private final SqsService sqs; // one machine
  private final EventSourceMappings mappings; // one machine
  private final ClusterQueues cluster; // a cluster
  private final DefinitionStore clusterMappings; // a cluster
  private final Predicate<String> exists;
  private final QueueSender sender;

  private RegionQueues(
      SqsService sqs,
      EventSourceMappings mappings,
      ClusterQueues cluster,
      DefinitionStore clusterMappings,
      Predicate<String> exists,
      QueueSender sender) {
    this.sqs = sqs;
    this.mappings = mappings;
    this.cluster = cluster;
    this.clusterMappings = clusterMappings;
    this.exists = exists;
    this.sender = sender;
  }

  /**
   * Opens the region's queues: the cluster's when {@code stores} share them, else its own in {@code
   * data}. Mapping batches run through {@code synchronous} in a cluster (placed where the function
   * is warm), through the engine's invoker on one machine.
   */
  static RegionQueues open(
      RegionStores stores,
      RegionStack.Host host,
      Account account,
      Engine engine,
      Path data,
      Invocations synchronous) {
    String scheme = host.endpoint().startsWith("https:") ? "https" : "http";
    var shared = stores.sharedQueues();
    if (shared.isPresent()) {
      return clustered(shared.get(), stores, host, account, engine, synchronous, scheme);
    }
    SqsService sqs =
        SqsService.open(
            data.resolve("sqs.db"), InstantSource.system(), account.region(), account.id(), scheme);
    try {
      var consumer = sqs.consumer();
      EventSourceMappings mappings =
          EventSourceMappings.open(
              data, account, engine.registry(), engine.invoker(), consumer, InstantSource.system());
      return new RegionQueues(
          sqs, mappings, null, null, arn -> consumer.visibilityTimeout(arn).isPresent(), sqs::send);
    } catch (RuntimeException e) {
      sqs.close();
      throw e;
    }
  }

  private static RegionQueues clustered(
      QueueOwnership ownership,
      RegionStores stores,
      RegionStack.Host host,
      Account account,
      Engine engine,
      Invocations synchronous,
      String scheme) {
    DefinitionStore definitions = stores.definitions(StoreNames.MAPPINGS);
    try {
      ClusterQueues cluster =
          ClusterQueues.start(ownership, host, account, engine, synchronous, definitions, scheme);
      QueueOwner owner = cluster.owner();
      return new RegionQueues(null, null, cluster, definitions, owner::exists, owner::send);
    } catch (RuntimeException e) {
      definitions.close();
      throw e;
    }
  }

  /** Whether {@code arn} names one of the region's queues. */
  boolean exists(String arn) {
    return exists.test(arn);
  }

  QueueSender sender() {
    return sender;
  }

  /**
   * The services this node's edge serves for the queues: SQS's and the mappings' API on one
   * machine; none in a cluster, where {@link #relay} serves them (here or at the owner).
   */
  List<Service> services() {
    List<Service> out = new ArrayList<>();
    if (sqs != null) {
      out.addAll(sqs.services());
      out.add(mappings.api()); // before Lambda's, which claims every other path
    }
    return out;
  }

  /** A cluster's front for the queues' requests; null on one machine. */
  QueueRelay relay() {
    return cluster == null ? null : cluster.relay();
  }

  /** Starts the mappings' pollers (one machine; a cluster's start with their owner). */
  void start() {
    if (mappings != null) {
      mappings.start();
    }
  }

  /**
   * Stops everything that reads the queues and runs batches (the mappings' pollers; in a cluster
   * the node's claim on the queues, which another node then takes), before the sandboxes stop.
   */
  void stopConsumers() {
    if (cluster != null) {
      cluster.close();
    }
    if (mappings != null) {
      mappings.close();
    }
  }

  /** Closes the stores, after {@link #stopConsumers} and the sandboxes. */
  @Override
  public void close() {
    if (sqs != null) {
      sqs.close();
    }
    if (clusterMappings != null) {
      clusterMappings.close();
    }
  }
}
