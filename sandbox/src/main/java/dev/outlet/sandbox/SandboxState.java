package dev.outlet.sandbox;

import java.util.EnumSet;
import java.util.Set;

/**
 * A sandbox's lifecycle. The transition table is closed: {@link #check} throws on anything not
 * listed.
 *
 * <pre>
 * STARTING -> IDLE | BUSY | STOPPING | FAILED
 * IDLE     -> BUSY | STOPPING | FAILED
 * BUSY     -> IDLE | STOPPING | FAILED
 * STOPPING -> STOPPED
 * FAILED   -> STOPPING
 * </pre>
 *
 * A STARTING sandbox may be lent to its first invocation before the runtime's first {@code /next}
 * (the cold start), hence STARTING -> BUSY.
 */
public enum SandboxState {
  STARTING,
  IDLE,
  BUSY,
  STOPPING,
  STOPPED,
  FAILED;

  private Set<SandboxState> next() {
    return switch (this) {
      case STARTING -> EnumSet.of(IDLE, BUSY, STOPPING, FAILED);
      case IDLE -> EnumSet.of(BUSY, STOPPING, FAILED);
      case BUSY -> EnumSet.of(IDLE, STOPPING, FAILED);
      case STOPPING -> EnumSet.of(STOPPED);
      case FAILED -> EnumSet.of(STOPPING);
      case STOPPED -> EnumSet.noneOf(SandboxState.class);
    };
  }

  public boolean canMoveTo(SandboxState target) {
    return next().contains(target);
  }

  /** Returns {@code target} when the move is allowed, else throws. */
  public SandboxState check(SandboxState target) {
    if (!canMoveTo(target)) {
      throw new IllegalStateException("illegal sandbox transition " + this + " -> " + target);
    }
    return target;
  }
}
