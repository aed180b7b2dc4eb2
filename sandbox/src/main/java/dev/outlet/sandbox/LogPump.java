package dev.outlet.sandbox;

import dev.outlet.core.LogSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;

/**
 * Carries one sandbox's output, line by line, into its log stream, and puts the platform's lines in
 * order among them.
 *
 * <p>Contract:
 *
 * <ol>
 *   <li>The pipe is read only under this object's lock, by the reader thread (started by {@link
 *       #start}, which otherwise only waits for the pipe to become readable) or by {@link
 *       #whenDrained}. The sink never blocks (it queues).
 *   <li>{@link #platform} and the appends of what was read are serialized by the same lock, so a
 *       stream's events keep their order.
 *   <li>{@link #whenDrained} reads, itself, everything the pipe holds at the moment of the call
 *       (bounded by {@link #DRAIN_BUDGET} when a function keeps printing), then runs its action: so
 *       END and REPORT follow every line the function wrote before it answered, whether or not the
 *       reader thread has been scheduled since (see {@link OutputPipe}).
 *   <li>The reader thread closes the pipe when it reads end-of-file.
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

  /** How much the reader takes per turn of the lock, so a drain is never kept waiting long. */
  private static final int TURN_BUDGET = 64 * 1024;

  /**
   * What a drain reads at most: more than a pipe can hold (64 KB by default, 1 MB at most for an
   * unprivileged writer), so all that was written before the call is read even if the function
   * keeps writing meanwhile.
   */
  static final int DRAIN_BUDGET = 2 * 1024 * 1024;

  private final OutputPipe pipe;
  private final LogSink sink;
  private final String group;
  private final String stream;
  private final InstantSource clock;
  private final byte[] buffer = new byte[READ_BUFFER]; // guarded by this
  private byte[] partial = new byte[INITIAL_LINE];
  private int partialLength;
  private TailBuffer capture;
  private boolean ended; // end-of-file read: nothing more will come
  private volatile TelemetryHub tap;

  public LogPump(OutputPipe pipe, LogSink sink, String group, String stream, InstantSource clock) {
    this.pipe = pipe;
    this.sink = sink;
    this.group = group;
    this.stream = stream;
    this.clock = clock;
  }

  public String stream() {
    return stream;
  }

  /** Starts the reader on its own small platform thread. */
  public void start(String name) {
    Thread.ofPlatform().name(name).daemon().stackSize(256 * 1024).start(this);
  }

  /** Sends the function's lines (not the platform's) also to {@code hub} when it wants them. */
  void tap(TelemetryHub hub) {
    this.tap = hub;
  }

  /** Sends the following lines also to {@code tail} (null to stop). */
  public synchronized void capture(TailBuffer tail) {
    this.capture = tail;
  }

  /** Appends one platform line (START, END, REPORT...); null (a line not written) is ignored. */
  public synchronized void platform(String line) {
    if (line != null) {
      emit(line);
    }
  }

  /**
   * Reads what the runtime has written so far, then runs {@code action} (on the calling thread).
   * Costs one non-blocking read when the reader is up to date.
   */
  public void whenDrained(Runnable action) {
    synchronized (this) {
      pump(DRAIN_BUDGET);
      flushPartial();
    }
    action.run();
  }

  @Override
  public void run() {
    try {
      while (true) {
        pipe.awaitReadable();
        synchronized (this) {
          if (!pump(TURN_BUDGET)) {
            atWakeUp(); // readable but empty: end-of-file (or a spurious wake-up)
          }
          if (ended) {
            return;
          }
        }
      }
    } catch (IOException e) {
      synchronized (this) {
        end();
      }
    } finally {
      pipe.close(); // only this thread closes it: nobody polls a descriptor number reused since
    }
  }

  /**
   * Reads until the pipe is empty or {@code budget} bytes were read. Call with the lock held.
   *
   * @return whether anything was read
   */
  private boolean pump(int budget) {
    int taken = 0;
    try {
      while (!ended && taken < budget) {
        int n = pipe.read(buffer);
        if (n == 0) {
          break;
        }
        consume(buffer, n);
        taken += n;
      }
    } catch (IOException e) {
      end();
    }
    return taken > 0;
  }

  /** The reader was woken with nothing to read: one read tells end-of-file. Lock held. */
  private void atWakeUp() {
    try {
      int n = pipe.readAtWakeUp(buffer);
      if (n < 0) {
        end();
      } else if (n > 0) {
        consume(buffer, n);
      }
    } catch (IOException e) {
      end();
    }
  }

  /** Nothing more will come: the last line goes out. Call with the lock held. */
  private void end() {
    ended = true;
    flushPartial();
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
    TelemetryHub hub = tap;
    if (hub != null && hub.wantsFunctionLines()) {
      hub.function(line, clock.millis());
    }
  }

  private void emit(String line) {
    sink.append(group, stream, clock.millis(), line);
    TailBuffer t = capture;
    if (t != null) {
      t.add(line);
    }
  }
}
