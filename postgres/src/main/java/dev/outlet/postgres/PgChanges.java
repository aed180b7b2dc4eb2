package dev.outlet.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one node hears of the other nodes' writes: one connection of its own that {@code LISTEN}s on
 * the channels its stores subscribe to, read by one thread, which hands each notification's payload
 * to the channel's listeners. A store writes and calls {@code pg_notify} in the same transaction,
 * so a notification is sent only for what committed.
 *
 * <p>Notifications sent while the connection is down are lost: after every reconnection each
 * listener is told {@link Listener#missed} and reloads what it holds. The thread owns the
 * connection; {@link #close} stops it.
 */
public final class PgChanges implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PgChanges.class);
  private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final int POLL_MILLIS = 250;

  /** What a store does when another node changed something. */
  public interface Listener {
    /** A write with this payload committed. */
    void changed(String payload);

    /** Notifications may have been lost: reload everything. */
    void missed();
  }

  private record Subscription(String channel, CompletableFuture<Void> listening) {}

  private final PgDatabase db;
  private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
  private final Queue<Subscription> pending = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  private PgChanges(PgDatabase db) {
    this.db = db;
    this.thread = Thread.ofPlatform().daemon().name("store-changes").unstarted(this::loop);
  }

  /** Starts listening on {@code db}. */
  public static PgChanges start(PgDatabase db) {
    PgChanges changes = new PgChanges(db);
    changes.thread.start();
    return changes;
  }

  /**
   * Adds a listener to {@code channel}; the future completes once the channel is listened to, so a
   * store that loads after it misses nothing.
   */
  public CompletableFuture<Void> subscribe(String channel, Listener listener) {
    if (!CHANNEL.matcher(channel).matches()) {
      throw new IllegalArgumentException("not a channel name: " + channel);
    }
    listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
    CompletableFuture<Void> listening = new CompletableFuture<>();
    pending.add(new Subscription(channel, listening));
    return listening;
  }

  /**
   * Runs {@code reload} after each notification on {@code channel} whose payload {@code matters},
   * and after every reconnection; returns once the channel is listened to.
   *
   * @throws dev.outlet.storage.StorageException when it is not listened to within 10 s
   */
  public void follow(
      String channel, java.util.function.Predicate<String> matters, Runnable reload) {
    try {
      subscribe(
              channel,
              new Listener() {
                @Override
                public void changed(String payload) {
                  if (matters.test(payload)) {
                    reload.run();
                  }
                }

                @Override
                public void missed() {
                  reload.run();
                }
              })
          .get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new dev.outlet.storage.StorageException(
          "cannot listen for changes on the store " + db.address() + ": " + e.getMessage(), e);
    }
  }

  private void loop() {
    long backoff = POLL_MILLIS;
    boolean connectedBefore = false;
    while (running) {
      try (Connection c = db.dedicated()) {
        PGConnection pg = c.unwrap(PGConnection.class);
        try (Statement s = c.createStatement()) {
          for (String channel : listeners.keySet()) {
            s.execute("LISTEN " + channel);
          }
        }
        if (connectedBefore) {
          listeners.values().forEach(ls -> ls.forEach(PgChanges::missed));
        }
        connectedBefore = true;
        backoff = POLL_MILLIS;
        while (running) {
          for (Subscription sub = pending.poll(); sub != null; sub = pending.poll()) {
            try (Statement s = c.createStatement()) {
              s.execute("LISTEN " + sub.channel());
            } catch (SQLException e) {
              pending.add(sub);
              throw e;
            }
            sub.listening().complete(null);
          }
          PGNotification[] got = pg.getNotifications(POLL_MILLIS);
          if (got != null) {
            for (PGNotification n : got) {
              for (Listener l : listeners.getOrDefault(n.getName(), List.of())) {
                changed(l, n.getParameter());
              }
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn("the store's change feed is down ({}); reconnecting", e.getMessage());
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(2_000, backoff * 2);
      }
    }
  }

  private static void changed(Listener l, String payload) {
    try {
      l.changed(payload);
    } catch (RuntimeException e) {
      LOG.warn("a store failed to reload after a change", e);
    }
  }

  private static void missed(Listener l) {
    try {
      l.missed();
    } catch (RuntimeException e) {
      LOG.warn("a store failed to reload after a reconnection", e);
    }
  }

  @Override
  public void close() {
    running = false;
    Threads.stop(thread);
  }
}
