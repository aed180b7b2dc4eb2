package dev.outlet.mappings;

import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import dev.outlet.invoke.InvokeOutcome;
import dev.outlet.sandbox.InvocationResult;
import dev.outlet.sqs.QueueConsumer;
import dev.outlet.sqs.QueueConsumer.Delivered;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pollers of one enabled mapping: virtual threads that each long-poll the queue, gather a batch
 * (up to {@code BatchSize}, waiting up to {@code MaximumBatchingWindowInSeconds} for it to fill),
 * drop the messages no filter matches, invoke the function synchronously and delete what succeeded.
 * A failed message is left to become visible again after the queue's visibility timeout, and to
 * reach the queue's dead-letter queue once its receive count is spent. One poller starts; a full
 * batch with more messages waiting starts another, up to the mapping's maximum concurrency; a
 * poller whose wait found nothing stops while others run. A throttled invocation is retried with
 * backoff while the batch is still invisible; a missing function or queue pauses polling rather
 * than spending receives. {@link #close} stops receiving; batches being invoked finish.
 */
final class QueuePoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueuePoller.class);
  static final long LONG_POLL_MILLIS = 20_000;
  static final int DEFAULT_CONCURRENCY = 1000;

  /** Lambda's synchronous payload limit, less room for the records' other members. */
  private static final long PAYLOAD_BUDGET = 6L * 1024 * 1024 - 64 * 1024;

  private final Mapping mapping;
  private final QueueConsumer queues;
  private final FunctionCalls functions;
  private final String region;
  private final RecordFilter filter;
  private final int limit;
  private final AtomicInteger workers = new AtomicInteger();
  private final Set<CompletableFuture<?>> receiving = ConcurrentHashMap.newKeySet();
  private volatile boolean running = true;

  QueuePoller(Mapping mapping, QueueConsumer queues, FunctionCalls functions, String region) {
    this.mapping = mapping;
    this.queues = queues;
    this.functions = functions;
    this.region = region;
    this.filter = new RecordFilter(mapping.filters());
    this.limit = mapping.maxConcurrency() != null ? mapping.maxConcurrency() : DEFAULT_CONCURRENCY;
  }

  void start() {
    spawn();
  }

  /** How many pollers run now. */
  int pollers() {
    return workers.get();
  }

  private void spawn() {
    workers.incrementAndGet();
    Thread.ofVirtual().name("mapping-" + mapping.uuid()).start(this::work);
  }

  private void work() {
    try {
      long pause = 0;
      while (running) {
        if (pause > 0) {
          Thread.sleep(pause);
        }
        if (!functions.exists(mapping.function())) {
          pause = 1000; // nothing to invoke: leave the messages in the queue
          continue;
        }
        List<Delivered> batch;
        try {
          batch = gather();
        } catch (QueueConsumer.NoSuchQueue e) {
          pause = Math.min(10_000, Math.max(1000, pause * 2));
          continue;
        }
        pause = 0;
        if (batch.isEmpty()) {
          if (retire()) {
            return;
          }
          continue;
        }
        if (batch.size() >= Math.min(mapping.batchSize(), 10) && grow()) {
          spawn();
        }
        try {
          process(batch);
        } catch (RuntimeException e) {
          // the batch stays in the queue until its visibility timeout; polling goes on
          LOG.warn("event source mapping {}: a batch failed", mapping.uuid(), e);
          pause = 1000;
        }
      }
    } catch (InterruptedException | CancellationException e) {
      // closed
    } catch (RuntimeException e) {
      LOG.warn("event source mapping {}: a poller stopped", mapping.uuid(), e);
    } finally {
      workers.decrementAndGet();
    }
  }

  /** Whether this poller may stop: others still poll. */
  private boolean retire() {
    while (true) {
      int n = workers.get();
      if (n <= 1) {
        return false;
      }
      if (workers.compareAndSet(n, n - 1)) {
        workers.incrementAndGet(); // the finally block counts it down
        return true;
      }
    }
  }

  /** Whether another poller should start: messages wait and the limit allows. */
  private boolean grow() {
    return running && workers.get() < limit && queues.backlog(mapping.eventSourceArn()) > 0;
  }

  private List<Delivered> gather() throws InterruptedException {
    String arn = mapping.eventSourceArn();
    List<Delivered> batch = new ArrayList<>(receive(arn, mapping.batchSize(), LONG_POLL_MILLIS));
    if (batch.isEmpty() || mapping.windowSeconds() == 0) {
      return batch;
    }
    long deadline = System.nanoTime() + mapping.windowSeconds() * 1_000_000_000L;
    long bytes = size(batch);
    while (running && batch.size() < mapping.batchSize() && bytes < PAYLOAD_BUDGET) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        break;
      }
      List<Delivered> more = receive(arn, mapping.batchSize() - batch.size(), left);
      batch.addAll(more);
      bytes += size(more);
    }
    return fit(batch, bytes);
  }

  /** The batch within the payload limit; what does not fit is made visible again. */
  private List<Delivered> fit(List<Delivered> batch, long bytes) {
    if (bytes <= PAYLOAD_BUDGET || batch.size() == 1) {
      return batch;
    }
    List<Delivered> kept = new ArrayList<>(batch);
    List<String> released = new ArrayList<>();
    while (bytes > PAYLOAD_BUDGET && kept.size() > 1) {
      Delivered last = kept.removeLast();
      bytes -= size(List.of(last));
      released.add(last.receiptHandle());
    }
    queues.release(mapping.eventSourceArn(), released);
    return kept;
  }

  private static long size(List<Delivered> messages) {
    long n = 0;
    for (Delivered m : messages) {
      n += m.body().length() * 2L + 1024; // a generous bound on the record's JSON
    }
    return n;
  }

  private List<Delivered> receive(String arn, int max, long waitMillis)
      throws InterruptedException {
    CompletableFuture<List<Delivered>> f = queues.receive(arn, max, waitMillis);
    receiving.add(f);
    try {
      if (!running) {
        f.cancel(false);
      }
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof QueueConsumer.NoSuchQueue gone) {
        throw gone;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      receiving.remove(f);
    }
  }

  private void process(List<Delivered> received) throws InterruptedException {
    String arn = mapping.eventSourceArn();
    List<Delivered> batch = received;
    if (!filter.all()) {
      batch = new ArrayList<>(received.size());
      List<String> dropped = new ArrayList<>();
      for (Delivered m : received) {
        if (filter.matches(m, arn, region)) {
          batch.add(m);
        } else {
          dropped.add(m.receiptHandle());
        }
      }
      queues.delete(arn, dropped); // Lambda deletes the messages its filters leave out
      if (batch.isEmpty()) {
        return;
      }
    }
    BatchResponse outcome = invoke(batch);
    switch (outcome) {
      case BatchResponse.AllSucceeded ok ->
          queues.delete(arn, batch.stream().map(Delivered::receiptHandle).toList());
      case BatchResponse.Partial p ->
          queues.delete(
              arn,
              batch.stream()
                  .filter(m -> !p.failed().contains(m.messageId()))
                  .map(Delivered::receiptHandle)
                  .toList());
      case BatchResponse.AllFailed failed ->
          LOG.debug(
              "event source mapping {}: a batch of {} failed ({}); it returns after the"
                  + " visibility timeout",
              mapping.uuid(),
              batch.size(),
              failed.why());
    }
  }

  private BatchResponse invoke(List<Delivered> batch) throws InterruptedException {
    byte[] payload = SqsEvent.of(batch, mapping.eventSourceArn(), region);
    long giveUpAt =
        System.nanoTime()
            + queues.visibilityTimeout(mapping.eventSourceArn()).orElse(30) * 500_000_000L;
    long backoff = 20;
    while (true) {
      InvokeOutcome outcome;
      try {
        outcome = functions.invoke(mapping.function(), payload, mapping.functionArn()).get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof LambdaException le
            && le.code() == ErrorCode.TOO_MANY_REQUESTS
            && System.nanoTime() < giveUpAt) {
          Thread.sleep(backoff);
          backoff = Math.min(1000, backoff * 2);
          continue;
        }
        return new BatchResponse.AllFailed(String.valueOf(e.getCause().getMessage()));
      }
      return switch (outcome.result()) {
        case InvocationResult.Success s when mapping.reportItemFailures() ->
            BatchResponse.read(s.body(), ids(batch));
        case InvocationResult.Success s -> new BatchResponse.AllSucceeded();
        case InvocationResult.FunctionError e -> new BatchResponse.AllFailed("function error");
        case InvocationResult.Failure f -> new BatchResponse.AllFailed(f.errorType());
      };
    }
  }

  private static Set<String> ids(List<Delivered> batch) {
    Set<String> ids = new HashSet<>();
    batch.forEach(m -> ids.add(m.messageId()));
    return ids;
  }

  /** Stops receiving: waiting receives end; batches being invoked finish and are settled. */
  @Override
  public void close() {
    running = false;
    for (CompletableFuture<?> f : receiving) {
      f.cancel(false);
    }
  }
}
