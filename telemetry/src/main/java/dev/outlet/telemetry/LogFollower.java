package dev.outlet.telemetry;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live tail of a log store that several nodes write (a cluster's): while someone watches, it
 * reads what every node stored in the watched groups, this node's lines included, and offers it to
 * the tail, each event once. A node's own appends are not offered as they are appended there, so
 * that a watcher on any node sees the same lines, about half a second after they are stored.
 *
 * <p>Ids are handed out as events are inserted, and two nodes' transactions may commit out of that
 * order. So each read starts below the highest id seen, at the highest id that was seen at least
 * {@link #SETTLE_NANOS} earlier, and skips the ids it has offered since: a batch committed more
 * than that after its ids were handed out is missed by the tail (never by the store's queries).
 *
 * <p>One daemon thread, idle (one volatile read every {@link #EVERY_MILLIS} ms) while nobody
 * watches. Reads go through the store's query connection.
 */
final class LogFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LogFollower.class);

  static final long EVERY_MILLIS = 500;
  static final long SETTLE_NANOS = 5_000_000_000L;
  private static final int PAGE = 2_000;

  private final LogQueries queries;
  private final LogTail tail;
  private final LongSupplier nanoTime;
  private final ScheduledExecutorService thread;

  /** Confined to the follower's thread: the ids offered since {@link #from}, and their times. */
  private final Set<Long> offered = new HashSet<>();

  private final Deque<long[]> marks = new ArrayDeque<>(); // {nanoTime, highest id seen then}
  private long from = -1; // -1: not following
  private long highest;

  LogFollower(LogQueries queries, LogTail tail, LongSupplier nanoTime) {
    this.queries = queries;
    this.tail = tail;
    this.nanoTime = nanoTime;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("outlet-log-follower").unstarted(r));
    thread.scheduleWithFixedDelay(this::poll, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** One turn: nothing while nobody watches; else offers what was stored since the last turn. */
  void poll() {
    try {
      Set<String> groups = tail.groups();
      if (groups.isEmpty()) {
        from = -1;
        offered.clear();
        marks.clear();
        return;
      }
      long now = nanoTime.getAsLong();
      if (from < 0) {
        highest = queries.lastId(); // a watcher sees what is stored from now on
        from = highest;
      }
      List<LogEvent> page;
      long after = from;
      do {
        page = queries.since(after, groups, PAGE);
        for (LogEvent e : page) {
          if (offered.add(e.id())) {
            tail.publish(e.group(), e.stream(), e.timestamp(), e.message());
          }
          highest = Math.max(highest, e.id());
          after = e.id();
        }
      } while (page.size() == PAGE);
      settle(now);
    } catch (RuntimeException e) {
      log.debug("the log tail could not read the shared store; will retry", e);
    }
  }

  /** Moves {@link #from} up to the highest id seen {@link #SETTLE_NANOS} ago, forgetting below. */
  private void settle(long now) {
    marks.addLast(new long[] {now, highest});
    while (!marks.isEmpty() && now - marks.peekFirst()[0] >= SETTLE_NANOS) {
      from = Math.max(from, marks.pollFirst()[1]);
    }
    long floor = from;
    offered.removeIf(id -> id <= floor);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
