package dev.outlet.postgres;

import dev.outlet.core.ScheduleGate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The cluster's {@link ScheduleGate}: the node holding the region's schedules lead ({@link
 * PgLeader}, an advisory lock) fires, and each tick is claimed once in {@code schedule_ticks}
 * (primary key: the schedule and its due time), so that two nodes that both believe they lead while
 * the lead changes hands cannot both fire it. Ticks older than a day are removed, at most once an
 * hour, by the leader.
 */
public final class PgScheduleGate implements ScheduleGate {
  static final String COMPONENT = "schedule_ticks";

  /** How often a node checks its lead, or tries to take it. */
  static final Duration CHECK = Duration.ofSeconds(2);

  private static final Duration KEEP = Duration.ofDays(1);
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);

  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE TABLE schedule_ticks (schedule TEXT NOT NULL, due_ms BIGINT NOT NULL,"
                  + " fired_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (schedule, due_ms))"));

  private final PgDatabase db;
  private final PgLeader leader;
  private volatile Instant pruned = Instant.EPOCH;

  private PgScheduleGate(PgDatabase db, PgLeader leader) {
    this.db = db;
    this.leader = leader;
  }

  /** Starts competing for the lead of the schedules of {@code db}'s schema. */
  static PgScheduleGate start(PgDatabase db, String schema) {
    db.migrate(COMPONENT, MIGRATIONS);
    return new PgScheduleGate(db, PgLeader.start(db, role(schema), CHECK));
  }

  /** The lead a region's nodes compete for, by its schema. */
  public static String role(String schema) {
    return "schedules:" + schema;
  }

  @Override
  public boolean fire(String schedule, Instant due) {
    if (!leader.leads()) {
      return false;
    }
    if (due.isAfter(pruned.plus(PRUNE_EVERY))) {
      db.update("DELETE FROM schedule_ticks WHERE due_ms < ?", due.minus(KEEP).toEpochMilli());
      pruned = due;
    }
    return db.update(
            "INSERT INTO schedule_ticks (schedule, due_ms) VALUES (?, ?) ON CONFLICT DO NOTHING",
            schedule,
            due.toEpochMilli())
        == 1;
  }

  @Override
  public boolean leads() {
    return leader.leads();
  }

  @Override
  public void close() {
    leader.close();
  }
}
