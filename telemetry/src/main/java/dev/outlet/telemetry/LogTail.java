package dev.outlet.telemetry;

import java.util.Arrays;

/**
 * The live tail of a log store: every event appended is offered to the listeners watching its
 * group, as it is appended (before it is stored). With no listener, an append pays one volatile
 * read. Listeners run on the appending thread (a log pump, an event loop): they must only hand the
 * event over, never block. Thread-safe; the listener array is copied on write.
 */
public final class LogTail {

  /** Receives one group's events. */
  public interface Listener {
    void event(String stream, long timestampMillis, String message);
  }

  /** Stops a listener. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  private record Watch(String group, Listener listener) {}

  private static final Watch[] NONE = {};

  private volatile Watch[] watches = NONE;

  /** Starts offering {@code group}'s events to {@code listener}, until the subscription closes. */
  public Subscription subscribe(String group, Listener listener) {
    Watch w = new Watch(group, listener);
    synchronized (this) {
      Watch[] next = Arrays.copyOf(watches, watches.length + 1);
      next[next.length - 1] = w;
      watches = next;
    }
    return () -> remove(w);
  }

  private synchronized void remove(Watch w) {
    Watch[] now = watches;
    for (int i = 0; i < now.length; i++) {
      if (now[i] == w) {
        Watch[] next = new Watch[now.length - 1];
        System.arraycopy(now, 0, next, 0, i);
        System.arraycopy(now, i + 1, next, i, now.length - i - 1);
        watches = next;
        return;
      }
    }
  }

  /** The groups some listener watches now. */
  public java.util.Set<String> groups() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (Watch w : watches) {
      out.add(w.group);
    }
    return out;
  }

  /** How many listeners are subscribed now. */
  public int listeners() {
    return watches.length;
  }

  void publish(String group, String stream, long timestampMillis, String message) {
    Watch[] now = watches;
    if (now.length == 0) {
      return;
    }
    for (Watch w : now) {
      if (w.group.equals(group)) {
        try {
          w.listener.event(stream, timestampMillis, message);
        } catch (RuntimeException e) {
          // a listener's fault must not lose the event for the store
        }
      }
    }
  }
}
