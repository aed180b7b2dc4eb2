package dev.outlet.sandbox;

import dev.outlet.core.Ticker;
import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * Where a sandbox's invocation meets its runtime's {@code GET /next}: the invocation lent to the
 * sandbox, the runtime's parked request, and the hand-over by whichever of the two comes second. An
 * event's first delivery (not an RIE-style re-delivery) starts its clock and its log lines.
 *
 * <p>Not thread-safe: {@link Sandbox} owns it and calls it with its own lock held, saying what its
 * state allows; the event itself is given to the runtime once that lock is released ({@link
 * Handing}).
 */
final class HandOver {

  /** An event to give the runtime through {@code deliver}; {@code first}: its first delivery. */
  record Handing(Invocation inv, Consumer<Invocation> deliver, boolean first) {}

  private final Ticker ticker;
  private final InstantSource clock;
  private final SandboxOutput output;
  private final String version;
  private Invocation current;
  private Consumer<Invocation> parked;
  private Invocation lastDelivered;
  private String lastRequestId;
  private long deliveredNanos;
  private int lent;

  HandOver(Ticker ticker, InstantSource clock, SandboxOutput output, String version) {
    this.ticker = ticker;
    this.clock = clock;
    this.output = output;
    this.version = version;
  }

  /**
   * The sandbox is lent to {@code inv}: handed over at once when init is over ({@code initialized})
   * and the runtime is waiting; null otherwise.
   */
  Handing lend(Invocation inv, boolean initialized) {
    current = inv;
    lent++;
    lastRequestId = inv.requestId();
    if (initialized) {
      Consumer<Invocation> deliver = parked;
      parked = null;
      if (deliver != null) {
        return new Handing(inv, deliver, markDelivered(inv));
      }
    }
    return null;
  }

  /**
   * The runtime asks for work: the running invocation when the sandbox may deliver it ({@code
   * deliverable}: init over, BUSY), its first delivery or an RIE-style re-delivery; else the
   * request waits (null).
   */
  Handing asked(Consumer<Invocation> deliver, boolean deliverable) {
    if (deliverable && current != null && !current.done()) {
      return new Handing(current, deliver, markDelivered(current));
    }
    parked = deliver;
    return null;
  }

  /** Init is over: the running invocation ({@code busy}) goes to the waiting request, if any. */
  Handing initOver(boolean busy) {
    if (busy && current != null && !current.done() && parked != null) {
      Consumer<Invocation> deliver = parked;
      parked = null;
      return new Handing(current, deliver, markDelivered(current));
    }
    return null;
  }

  /** The invocation ended; the sandbox is idle. */
  void released() {
    current = null;
  }

  /** The invocation the sandbox was lent to, until it is released; or null. */
  Invocation current() {
    return current;
  }

  /** The current invocation if its request id is {@code requestId}. */
  Invocation active(String requestId) {
    return current != null && current.requestId().equals(requestId) ? current : null;
  }

  /** Whether {@code requestId} is the last invocation's the sandbox was lent to. */
  boolean wasLast(String requestId) {
    return requestId.equals(lastRequestId);
  }

  /** When the current invocation's event was handed to the runtime ({@link Ticker} nanoseconds). */
  long deliveredNanos() {
    return deliveredNanos;
  }

  /** How many invocations the sandbox was lent to. */
  int lent() {
    return lent;
  }

  /**
   * Starts the invocation's clock and log lines on its first delivery (not on re-deliveries);
   * whether this was the first.
   */
  private boolean markDelivered(Invocation inv) {
    if (lastDelivered == inv) {
      return false;
    }
    lastDelivered = inv;
    deliveredNanos = ticker.nanos();
    output.delivered(inv, version);
    inv.markDelivered(clock.millis());
    return true;
  }
}
