package dev.outlet.sqs;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A region's queues by name, their sole owner: creation (idempotent with the same attributes),
 * attribute and tag changes and deletion, each written through the {@link SqsStore} before it is
 * seen. Every method holds this object's lock. Thread-safe.
 */
public final class Queues {
  private final SqsStore store;
  private final InstantSource clock;
  private final String region;
  private final String account;
  private final Map<String, Queue> byName = new HashMap<>();

  /** The queues {@code store} holds, with their messages indexed. */
  public Queues(SqsStore store, InstantSource clock, String region, String account) {
    this.store = store;
    this.clock = clock;
    this.region = region;
    this.account = account;
    Map<String, List<StoredMessage>> messages = store.messages();
    Map<String, List<Deduplication.Entry>> dedups = store.dedups(clock.millis());
    for (SqsStore.QueueRow row : store.queues()) {
      QueueSettings settings = new QueueSettings(row.attributes());
      QueueState state = new QueueState(row.name(), settings.fifo());
      state.add(messages.getOrDefault(row.name(), List.of()));
      state.dedup().load(dedups.getOrDefault(row.name(), List.of()));
      byName.put(
          row.name(),
          new Queue(row.name(), settings, row.tags(), row.created(), row.modified(), state));
    }
  }

  String account() {
    return account;
  }

  String region() {
    return region;
  }

  /** The ARN of queue {@code name}. */
  String arn(String name) {
    return arn(region, account, name);
  }

  /** The ARN of queue {@code name} of {@code account} in {@code region}. */
  static String arn(String region, String account, String name) {
    return "arn:aws:sqs:" + region + ":" + account + ":" + name;
  }

  /** The queue named by {@code arn} in this region and account, or null. */
  synchronized Queue byArn(String arn) {
    String prefix = "arn:aws:sqs:" + region + ":" + account + ":";
    return arn != null && arn.startsWith(prefix)
        ? byName.get(arn.substring(prefix.length()))
        : null;
  }

  /** Queue {@code name}; {@code QueueDoesNotExist} otherwise. */
  synchronized Queue get(String name) {
    Queue q = byName.get(name);
    if (q == null) {
      throw SqsError.noQueue();
    }
    return q;
  }

  /**
   * Creates queue {@code name} with {@code attributes} ({@link QueueSettings#check}ed) and {@code
   * tags}; an existing queue is answered when the attributes given agree with its own.
   */
  synchronized Queue create(String name, Map<String, String> attributes, Map<String, String> tags) {
    boolean fifo = Fifo.creates(name, attributes);
    QueueUrls.checkName(name, fifo);
    Map<String, String> checked = QueueSettings.check(attributes, fifo, true);
    checkRedrive(name, fifo, checked);
    Queue existing = byName.get(name);
    if (existing != null) {
      String differs = existing.settings().differing(checked);
      if (differs != null) {
        throw SqsError.QUEUE_ALREADY_EXISTS.with(
            "A queue already exists with the same name and a different value for attribute "
                + differs);
      }
      return existing;
    }
    QueueSettings settings = QueueSettings.defaults(fifo).with(checked);
    if (fifo) {
      Fifo.checkCombination(settings.attributes());
    }
    long now = clock.millis();
    Queue q = new Queue(name, settings, clean(tags), now, now, new QueueState(name, fifo));
    Commit cleared = store.deleteQueue(name); // what a send racing a namesake's deletion left
    Commit put = store.putQueue(q.row());
    cleared.await();
    put.await();
    byName.put(name, q);
    return q;
  }

  /** Lays {@code attributes} over queue {@code name}'s. */
  synchronized void setAttributes(String name, Map<String, String> attributes) {
    Queue q = get(name);
    boolean fifo = q.settings().fifo();
    Map<String, String> checked = QueueSettings.check(attributes, fifo, false);
    checkRedrive(name, fifo, checked);
    QueueSettings settings = q.settings().with(checked);
    if (fifo) {
      Fifo.checkCombination(settings.attributes());
    }
    Queue changed = q.with(settings, clock.millis());
    store.putQueue(changed.row()).await();
    byName.put(name, changed);
  }

  /** Changes queue {@code name}'s tags. */
  synchronized void retag(String name, UnaryOperator<Map<String, String>> change) {
    Queue q = get(name);
    Queue changed = q.withTags(change.apply(new HashMap<>(q.tags())));
    store.putQueue(changed.row()).await();
    byName.put(name, changed);
  }

  /** Deletes queue {@code name} and its messages. */
  synchronized Queue delete(String name) {
    Queue q = get(name);
    store.deleteQueue(name).await();
    byName.remove(name);
    return q;
  }

  /** The names of the queues whose dead-letter queue is {@code arn}, sorted. */
  synchronized List<String> sources(String arn) {
    return byName.values().stream()
        .filter(
            q -> {
              RedrivePolicy p = q.settings().redrive();
              return p != null && p.deadLetterTargetArn().equals(arn);
            })
        .map(Queue::name)
        .sorted()
        .toList();
  }

  /** The names of the queues, sorted. */
  synchronized List<String> names() {
    return byName.keySet().stream().sorted().toList();
  }

  private static Map<String, String> clean(Map<String, String> tags) {
    Map<String, String> clean = new HashMap<>();
    if (tags != null) {
      tags.forEach((k, v) -> clean.put(k, v == null ? "" : v));
    }
    return clean;
  }

  private void checkRedrive(String name, boolean fifo, Map<String, String> checked) {
    String policy = checked.get("RedrivePolicy");
    if (policy == null || policy.isEmpty()) {
      return;
    }
    String target = RedrivePolicy.parse(policy).deadLetterTargetArn();
    Queue dlq = byArn(target);
    if (target.equals(arn(name)) || dlq == null) {
      throw SqsError.invalidValue("RedrivePolicy", policy, "Dead letter target does not exist.");
    }
    if (dlq.settings().fifo() != fifo) {
      throw SqsError.invalidValue(
          "RedrivePolicy", policy, "Dead-letter queue must be same type of queue as the source..");
    }
  }
}
