package dev.outlet.sandbox;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@link LaunchStubs launch stubs} of container-image functions, made on demand: each stub is
 * for one {@link ImageStubKey} (its image as the root), so none is made before an image is asked
 * for. A cold start of an image asks for one stub for its key (unless one is waiting or being
 * made), which the next cold start of that image takes (after an update of its configuration, a
 * scale-out, another version of the same image). At most {@value #CAP} wait across all images, the
 * oldest discarded first; one unused for {@value #IDLE_SECONDS} s is discarded, so that the stubs
 * of an image no longer run do not keep its root filesystem mounted. Stubs are started and
 * discarded on {@link LaunchStubs}'s maker thread.
 */
final class ImageStubs {
  static final int CAP = 4;
  static final long IDLE_SECONDS = 60;
  private static final long MAKE_DELAY_MILLIS = 50; // after the cold start that asked has the CPU

  /** Starts a stub for a key, on the maker thread. */
  @FunctionalInterface
  interface Starter {
    LaunchStubs.Stub start(ImageStubKey key) throws IOException;
  }

  private final ScheduledExecutorService maker;
  private final Starter starter;
  private final Consumer<LaunchStubs.Stub> retire;
  private final Deque<LaunchStubs.Stub> ready = new ArrayDeque<>(); // oldest first; guarded by this
  private final Set<ImageStubKey> making = new HashSet<>(); // guarded by this
  private boolean closed; // guarded by this

  /**
   * @param maker the thread that starts stubs (their death signal follows it)
   * @param retire ends a stub off the caller's thread
   */
  ImageStubs(ScheduledExecutorService maker, Starter starter, Consumer<LaunchStubs.Stub> retire) {
    this.maker = maker;
    this.starter = starter;
    this.retire = retire;
    long period = Math.max(1, IDLE_SECONDS / 6);
    maker.scheduleWithFixedDelay(this::expire, period, period, TimeUnit.SECONDS);
  }

  /**
   * A waiting stub for {@code key}, or null; either way, asks for one for the next cold start of
   * that key.
   */
  LaunchStubs.Stub take(ImageStubKey key) {
    LaunchStubs.Stub found = null;
    List<LaunchStubs.Stub> dead = new ArrayList<>();
    synchronized (this) {
      for (Iterator<LaunchStubs.Stub> it = ready.iterator(); it.hasNext(); ) {
        LaunchStubs.Stub stub = it.next();
        if (!stub.process().isAlive()) {
          it.remove(); // its start failed: the direct start will say why
          dead.add(stub);
        } else if (found == null && stub.image().equals(key)) {
          it.remove();
          found = stub;
        }
      }
    }
    dead.forEach(retire);
    demand(key);
    return found;
  }

  /** Has a stub made for {@code key} unless one waits or is being made. */
  private void demand(ImageStubKey key) {
    synchronized (this) {
      if (closed
          || making.contains(key)
          || ready.stream().anyMatch(stub -> stub.image().equals(key))) {
        return;
      }
      making.add(key);
    }
    try {
      maker.schedule(() -> make(key), MAKE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        making.remove(key); // closing
      }
    }
  }

  private void make(ImageStubKey key) {
    LaunchStubs.Stub stub = null;
    try {
      if (!isClosed()) {
        stub = starter.start(key);
      }
    } catch (IOException | RuntimeException e) {
      // no stub this time: the next cold start takes the direct path, which reports the cause
    }
    List<LaunchStubs.Stub> out = new ArrayList<>();
    synchronized (this) {
      making.remove(key);
      if (stub != null) {
        ready.addLast(stub);
        while (closed ? !ready.isEmpty() : ready.size() > CAP) {
          out.add(ready.pollFirst());
        }
      }
    }
    out.forEach(LaunchStubs.Stub::discard); // on the maker thread already
  }

  /** Discards the stubs that waited {@value #IDLE_SECONDS} s or more. */
  void expire() {
    long now = System.nanoTime();
    List<LaunchStubs.Stub> out = new ArrayList<>();
    synchronized (this) {
      for (Iterator<LaunchStubs.Stub> it = ready.iterator(); it.hasNext(); ) {
        LaunchStubs.Stub stub = it.next();
        if (now - stub.madeNanos() >= TimeUnit.SECONDS.toNanos(IDLE_SECONDS)) {
          it.remove();
          out.add(stub);
        }
      }
    }
    out.forEach(LaunchStubs.Stub::discard);
  }

  /** Runs {@code action} on each waiting stub. */
  void forEach(Consumer<LaunchStubs.Stub> action) {
    List<LaunchStubs.Stub> now;
    synchronized (this) {
      now = List.copyOf(ready);
    }
    now.forEach(action);
  }

  /** Makes no more stubs. */
  synchronized void close() {
    closed = true;
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** Ends the waiting stubs. */
  void discardAll() {
    List<LaunchStubs.Stub> out;
    synchronized (this) {
      out = List.copyOf(ready);
      ready.clear();
    }
    out.forEach(LaunchStubs.Stub::discard);
  }
}
