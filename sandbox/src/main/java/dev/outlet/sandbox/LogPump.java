package dev.outlet.sandbox;

import dev.outlet.core.LogSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Carries one sandbox's output, line by line, into its log stream, and puts the platform's lines in
 * order among them.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>One reader thread (started by {@link #start}) owns the pipe; it never blocks on the sink
 *       (the sink queues).
 *   <li>{@link #platform} and the reader's appends are serialized by this object's lock, so a
 *       stream's events keep their order.
 *   <li>{@link #whenDrained} runs its action once the reader has consumed everything the pipe held
 *       (so END/REPORT follow what the function printed before answering), or after a bounded wait
 *       when the function keeps printing. Only the reader thread touches the stream: the JDK's
 *       process stream holds its monitor while blocked in {@code read}, so even {@code available()}
 *       from another thread would wait for the next output.
 * </ol>
 */
public final class LogPump implements Runnable {
  private static final int MAX_LINE = 256 * 1024;

  /**
   * The line buffer starts small and grows to {@link #MAX_LINE} only for long lines: an idle warm
   * sandbox should not hold a quarter megabyte of Outlet's heap.
   */
  private static final int INITIAL_LINE = 1024;

  private static final int KEEP_LINE = 16 * 1024;
  private static final int READ_BUFFER = 16 * 1024;
  private static final long DRAIN_WAIT_MILLIS = 50;

  private final InputStream in;
  private final LogSink sink;
  private final String group;
  private final String stream;
  private final InstantSource clock;
  private final ScheduledExecutorService timers;
  private byte[] partial = new byte[INITIAL_LINE];
  private int partialLength;
  private TailBuffer capture;
  private Runnable waiter;

  /** Set by the reader when it found the pipe empty and is about to block: all output is in. */
  private boolean caughtUp;

  public LogPump(
      InputStream in,
      LogSink sink,
      String group,
      String stream,
      InstantSource clock,
      ScheduledExecutorService timers) {
    this.in = in;
    this.sink = sink;
    this.group = group;
    this.stream = stream;
    this.clock = clock;
    this.timers = timers;
  }

  public String stream() {
    return stream;
  }

  /** Starts the reader on its own small platform thread. */
  public void start(String name) {
    Thread.ofPlatform().name(name).daemon().stackSize(256 * 1024).start(this);
  }

  /** Sends the following lines also to {@code tail} (null to stop). */
  public synchronized void capture(TailBuffer tail) {
    this.capture = tail;
  }

  /** Appends one platform line (START, END, REPORT...). */
  public synchronized void platform(String line) {
    emit(line);
  }

  /** Runs {@code action} once the output written so far has been read. */
  public void whenDrained(Runnable action) {
    synchronized (this) {
      if (!caughtUp) {
        waiter = action;
        timers.schedule(this::fireWaiter, DRAIN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        return;
      }
      flushPartial();
    }
    action.run();
  }

  @Override
  public void run() {
    byte[] buf = new byte[READ_BUFFER];
    try (in) {
      while (true) {
        Runnable fire = null;
        boolean empty = in.available() == 0;
        synchronized (this) {
          caughtUp = empty;
          if (empty && waiter != null) {
            fire = takeWaiter();
          }
        }
        if (fire != null) {
          fire.run();
        }
        int n = in.read(buf);
        if (n <= 0) {
          break;
        }
        synchronized (this) {
          caughtUp = false;
          consume(buf, n);
        }
      }
    } catch (IOException e) {
      // The pipe closes when the process dies or is killed: nothing more to read.
    }
    synchronized (this) {
      flushPartial();
      caughtUp = true; // the pipe is closed: nothing more will come
    }
    fireWaiter();
  }

  private void fireWaiter() {
    Runnable fire;
    synchronized (this) {
      fire = takeWaiter();
    }
    if (fire != null) {
      fire.run();
    }
  }

  /** Takes the pending action, with the partial line flushed first. Call with the lock held. */
  private Runnable takeWaiter() {
    Runnable r = waiter;
    waiter = null;
    if (r != null) {
      flushPartial();
    }
    return r;
  }

  private void consume(byte[] buf, int n) {
    int start = 0;
    for (int i = 0; i < n; i++) {
      if (buf[i] == '\n') {
        append(buf, start, i - start);
        flushPartial();
        start = i + 1;
      }
    }
    append(buf, start, n - start);
  }

  /** Adds bytes to the current line; a line reaching {@link #MAX_LINE} is emitted as it is. */
  private void append(byte[] buf, int off, int len) {
    while (len > 0) {
      if (partialLength == MAX_LINE) {
        flushPartial();
      }
      int k = Math.min(MAX_LINE - partialLength, len);
      if (partialLength + k > partial.length) {
        int size = Math.min(MAX_LINE, Math.max(partialLength + k, partial.length * 2));
        partial = Arrays.copyOf(partial, size);
      }
      System.arraycopy(buf, off, partial, partialLength, k);
      partialLength += k;
      off += k;
      len -= k;
    }
  }

  private void flushPartial() {
    if (partialLength == 0) {
      return;
    }
    int len = partialLength;
    if (partial[len - 1] == '\r') {
      len--;
    }
    String line = new String(partial, 0, len, StandardCharsets.UTF_8);
    partialLength = 0;
    if (partial.length > KEEP_LINE) {
      partial = new byte[INITIAL_LINE];
    }
    emit(line);
  }

  private void emit(String line) {
    sink.append(group, stream, clock.millis(), line);
    TailBuffer t = capture;
    if (t != null) {
      t.add(line);
    }
  }
}
