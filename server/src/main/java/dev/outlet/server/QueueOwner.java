package dev.outlet.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.api.FunctionRegistry;
import dev.outlet.core.Account;
import dev.outlet.core.DefinitionStore;
import dev.outlet.core.QueueOwnership;
import dev.outlet.edge.AwsEdge;
import dev.outlet.edge.Service;
import dev.outlet.invoke.Invocations;
import dev.outlet.mappings.EventSourceMappings;
import dev.outlet.sqs.SqsService;
import dev.outlet.sqs.SqsStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster region's queues on this node: while this node holds their lead it owns them (their
 * {@link SqsService} on the shared tables, the event source mappings and their pollers, and an edge
 * that serves both); otherwise it knows which node does. Each {@link #tick} (every {@link
 * #TICK_MILLIS}, on a blocking thread) takes the queues when the lead came here, gives them up when
 * it went (or their store broke: the database restarted, another node took them), sends what other
 * nodes posted to the outbox, and reads where the owner is. A draining node stops competing, so
 * another takes the queues over. Thread-safe: the tick and close are synchronized, the rest reads
 * volatile fields.
 */
final class QueueOwner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueueOwner.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How often the lead, the owner's address and the outbox are looked at. */
  static final long TICK_MILLIS = 250;

  /** The most posted messages sent at one tick. */
  private static final int OUTBOX_BATCH = 100;

  /** What the owner serves while it owns the queues. */
  record Owned(SqsService sqs, EventSourceMappings mappings, AwsEdge edge) {}

  /** A message another node posted: what {@link SqsService#send} takes. */
  record Outgoing(String body, Map<String, String> strings, Map<String, String> numbers) {}

  /** How the owner's parts are made; a new set each time the queues come here. */
  record Parts(
      Account account,
      String scheme,
      FunctionRegistry registry,
      Invocations invocations,
      DefinitionStore mappings,
      Function<List<Service>, AwsEdge> edge) {}

  private final QueueOwnership ownership;
  private final String node;
  private final String address;
  private final Parts parts;
  private final BooleanSupplier draining;
  private volatile Owned owned;
  private volatile String owner;
  private boolean competing = true;

  /**
   * @param node this node's name in the owner's row
   * @param address where other nodes reach this node's API ({@code host:port})
   */
  QueueOwner(
      QueueOwnership ownership,
      String node,
      String address,
      Parts parts,
      BooleanSupplier draining) {
    this.ownership = ownership;
    this.node = node;
    this.address = address;
    this.parts = parts;
    this.draining = draining;
  }

  /** What this node serves while it owns the queues, else null. */
  Owned owned() {
    return owned;
  }

  /** The owner's API address as of the last tick, or null while none is known or it is this one. */
  String owner() {
    String o = owner;
    return o == null || o.equals(address) ? null : o;
  }

  /** One turn: see the class. */
  synchronized void tick() {
    Owned o = owned;
    if (competing && draining.getAsBoolean()) {
      competing = false;
      ownership.close(); // a draining node hands the queues over
    }
    if (o != null && (!ownership.leads() || o.sqs().broken())) {
      release(o, o.sqs().broken() ? "their store can write no more" : "the lead went elsewhere");
      o = null;
    }
    if (o == null && competing && ownership.leads()) {
      o = take();
    }
    if (o != null) {
      sendPosted(o.sqs());
    }
    owner = ownership.owner().orElse(null);
  }

  private Owned take() {
    long epoch = ownership.take(node, address);
    Connection db;
    try {
      db = ownership.connect("sqs", SqsStore.POSTGRESQL);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to the queues: " + e.getMessage(), e);
    }
    SqsService sqs = null;
    try {
      sqs =
          SqsService.open(
              SqsStore.shared(db, c -> ownership.fence(c, epoch)),
              InstantSource.system(),
              parts.account().region(),
              parts.account().id(),
              parts.scheme());
      EventSourceMappings mappings =
          EventSourceMappings.openShared(
              parts.mappings(),
              parts.account(),
              parts.registry(),
              parts.invocations(),
              sqs.consumer(),
              InstantSource.system());
      List<Service> services = new ArrayList<>(sqs.services());
      services.add(mappings.api());
      Owned o = new Owned(sqs, mappings, parts.edge().apply(services));
      mappings.start();
      owned = o;
      LOG.info("{}: this node owns the region's queues now (epoch {})", region(), epoch);
      return o;
    } catch (RuntimeException e) {
      if (sqs != null) {
        sqs.close();
      } else {
        dev.outlet.core.SqlConnections.closeQuietly(db);
      }
      throw e;
    }
  }

  private void release(Owned o, String why) {
    owned = null;
    LOG.warn("{}: this node no longer owns the region's queues: {}", region(), why);
    closeQuietly(o);
  }

  private static void closeQuietly(Owned o) {
    try {
      o.mappings().close(); // no batch starts once the queues are gone
    } catch (RuntimeException e) {
      LOG.debug("closing the event source mappings: {}", e.toString());
    }
    try {
      o.sqs().close();
    } catch (RuntimeException e) {
      LOG.debug("closing the queues: {}", e.toString());
    }
  }

  /**
   * Sends what other nodes posted, each then removed: a message may be sent twice if this node
   * stops between the two (SQS's at-least-once), never lost.
   */
  private void sendPosted(SqsService sqs) {
    for (QueueOwnership.Posted p : ownership.posted(OUTBOX_BATCH)) {
      Outgoing m;
      try {
        m = JSON.readValue(p.payload(), Outgoing.class);
      } catch (JsonProcessingException e) {
        LOG.warn("{}: dropped a posted message that does not decode: {}", region(), e.toString());
        ownership.remove(p.id());
        continue;
      }
      if (!sqs.send(p.queueArn(), m.body(), m.strings(), m.numbers())) {
        LOG.warn(
            "{}: dropped a message posted for {}, which no longer exists", region(), p.queueArn());
      }
      ownership.remove(p.id());
    }
  }

  /**
   * Sends {@code body} to queue {@code queueArn} as a rule's target or a destination does: here
   * when this node owns the queues, else posted for the owner. False when the region has no such
   * queue. Blocking.
   */
  boolean send(
      String queueArn, String body, Map<String, String> strings, Map<String, String> numbers) {
    Owned o = owned;
    if (o != null) {
      return o.sqs().send(queueArn, body, strings, numbers);
    }
    String name = queueName(queueArn);
    if (name == null || !ownership.exists(name)) {
      return false;
    }
    try {
      ownership.post(queueArn, JSON.writeValueAsString(new Outgoing(body, strings, numbers)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a message for " + queueArn, e);
    }
    return true;
  }

  /** Whether the region has the queue {@code queueArn} names. Blocking. */
  boolean exists(String queueArn) {
    Owned o = owned;
    if (o != null) {
      return o.sqs().consumer().visibilityTimeout(queueArn).isPresent();
    }
    String name = queueName(queueArn);
    return name != null && ownership.exists(name);
  }

  /** The queue's name when {@code arn} is one of this region's and account's, else null. */
  private String queueName(String arn) {
    String prefix = "arn:aws:sqs:" + region() + ":" + parts.account().id() + ":";
    return arn.startsWith(prefix) ? arn.substring(prefix.length()) : null;
  }

  private String region() {
    return parts.account().region();
  }

  @Override
  public synchronized void close() {
    if (competing) {
      competing = false;
      ownership.close();
    }
    Owned o = owned;
    owned = null;
    if (o != null) {
      closeQuietly(o);
    }
  }
}
