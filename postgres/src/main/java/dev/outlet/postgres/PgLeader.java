package dev.outlet.postgres;

import dev.outlet.storage.Sha256Streams;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node of a cluster does a job that must have one doer at a time (firing schedules): the
 * holder of a session-level PostgreSQL advisory lock named after the job's role. One connection of
 * its own holds the lock; the server releases it when that session ends, so a leader that dies or
 * loses the database is replaced by whichever node asks next.
 *
 * <p>A thread owns the connection: every {@code interval} it checks the session is alive (a leader)
 * or tries the lock (a follower). A leader whose check fails stops leading at once. Two nodes can
 * both believe they lead for at most one interval (the old one has not checked yet, the server has
 * already let the lock go), so a job that must not run twice also records what it did under a
 * unique key; leadership only keeps the nodes from competing.
 */
public final class PgLeader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PgLeader.class);

  private final PgDatabase db;
  private final String role;
  private final long key;
  private final long intervalMillis;
  private final Thread thread;
  private volatile boolean leads;
  private volatile boolean running = true;

  private PgLeader(PgDatabase db, String role, Duration interval) {
    this.db = db;
    this.role = role;
    this.key = key(role);
    this.intervalMillis = interval.toMillis();
    this.thread = Thread.ofPlatform().daemon().name("leader-" + role).unstarted(this::loop);
  }

  /** Starts competing for {@code role}, checking every {@code interval}. */
  public static PgLeader start(PgDatabase db, String role, Duration interval) {
    PgLeader leader = new PgLeader(db, role, interval);
    leader.thread.start();
    return leader;
  }

  /** Whether this node leads {@code role} now (as of its last check). */
  public boolean leads() {
    return leads;
  }

  /** The advisory lock key of a role: the first 8 bytes of SHA-256 of its name. */
  public static long key(String role) {
    byte[] d =
        Sha256Streams.digest().digest(("outlet-leader:" + role).getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(d).getLong();
  }

  private void loop() {
    while (running) {
      try (Connection c = db.dedicated()) {
        while (running) {
          leads = leads ? alive(c) : tryLock(c);
          Thread.sleep(intervalMillis);
        }
      } catch (SQLException | RuntimeException e) {
        if (leads) {
          LOG.warn("lost the {} lead ({})", role, e.getMessage());
        }
        leads = false;
        pause();
      } catch (InterruptedException e) {
        leads = false;
        return;
      }
    }
    leads = false;
  }

  private boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      s.setLong(1, key);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  /** A leader's check: its session still answers (else the server has let the lock go). */
  private static boolean alive(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1");
        ResultSet r = s.executeQuery()) {
      return r.next();
    }
  }

  private void pause() {
    try {
      Thread.sleep(intervalMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops competing; a leader's session ends, so the lock goes to the next node that asks. */
  @Override
  public void close() {
    running = false;
    Threads.stop(thread);
    leads = false;
  }
}
