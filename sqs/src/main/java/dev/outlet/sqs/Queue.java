package dev.outlet.sqs;

import java.util.Map;

/**
 * A queue: its name, settings, tags and times (immutable, replaced by {@link Queues} on change) and
 * its messages' index ({@link QueueState}, which lives as long as the queue).
 *
 * @param created epoch milliseconds
 * @param modified epoch milliseconds of the last change of its attributes
 */
record Queue(
    String name,
    QueueSettings settings,
    Map<String, String> tags,
    long created,
    long modified,
    QueueState state) {

  Queue {
    tags = Map.copyOf(tags);
  }

  Queue with(QueueSettings settings, long modified) {
    return new Queue(name, settings, tags, created, modified, state);
  }

  Queue withTags(Map<String, String> tags) {
    return new Queue(name, settings, tags, created, modified, state);
  }

  SqsStore.QueueRow row() {
    return new SqsStore.QueueRow(name, settings.attributes(), tags, created, modified);
  }
}
