package dev.outlet.mappings;

import dev.outlet.sqs.QueueConsumer;
import java.util.HashMap;
import java.util.Map;

/** The running pollers of a region's enabled mappings, by UUID. Thread-safe (synchronized). */
final class Pollers implements AutoCloseable {
  private final QueueConsumer queues;
  private final FunctionCalls functions;
  private final String region;
  private final Map<String, QueuePoller> running = new HashMap<>();

  Pollers(QueueConsumer queues, FunctionCalls functions, String region) {
    this.queues = queues;
    this.functions = functions;
    this.region = region;
  }

  /** Polls for {@code m} as it is now: stops what polled for its earlier settings. */
  synchronized void apply(Mapping m) {
    stop(m.uuid());
    if (m.enabled()) {
      QueuePoller p = new QueuePoller(m, queues, functions, region);
      running.put(m.uuid(), p);
      p.start();
    }
  }

  synchronized void stop(String uuid) {
    QueuePoller p = running.remove(uuid);
    if (p != null) {
      p.close();
    }
  }

  /** How many pollers mapping {@code uuid} runs now. */
  synchronized int pollers(String uuid) {
    QueuePoller p = running.get(uuid);
    return p == null ? 0 : p.pollers();
  }

  @Override
  public synchronized void close() {
    running.values().forEach(QueuePoller::close);
    running.clear();
  }
}
