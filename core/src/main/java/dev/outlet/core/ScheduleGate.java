package dev.outlet.core;

import java.time.Instant;

/**
 * Whether this process fires a schedule's tick. On one machine it always does. In a cluster every
 * node keeps the schedules armed, but only the node that leads the region's schedules fires, and
 * only a tick no node fired before (two nodes may both believe they lead for a moment while the
 * lead changes hands): each tick fires once, on one node.
 */
public interface ScheduleGate extends AutoCloseable {
  /** One machine: the only scheduler. */
  ScheduleGate ALONE =
      new ScheduleGate() {
        @Override
        public boolean fire(String schedule, Instant due) {
          return true;
        }

        @Override
        public boolean leads() {
          return true;
        }

        @Override
        public void close() {}
      };

  /**
   * True when this node is to fire {@code schedule}'s tick due at {@code due}: it leads, and it is
   * the first to claim that tick. Blocking (it may write to the database).
   */
  boolean fire(String schedule, Instant due);

  /** Whether this node leads the schedules now (as of its last check). */
  boolean leads();

  @Override
  void close();
}
