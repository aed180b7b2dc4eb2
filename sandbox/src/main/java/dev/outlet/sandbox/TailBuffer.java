package dev.outlet.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;

/**
 * The last lines of one invocation's log, enough to render the last 4 KB for {@code
 * X-Amz-Log-Result}. Thread-safe: the log pump appends while the invoker may render.
 */
public final class TailBuffer {
  private final int limit;
  private final ArrayDeque<byte[]> lines = new ArrayDeque<>();
  private int bytes;

  public TailBuffer(int limit) {
    this.limit = limit;
  }

  public synchronized void add(String line) {
    byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
    lines.addLast(b);
    bytes += b.length;
    while (lines.size() > 1 && bytes - lines.peekFirst().length >= limit) {
      bytes -= lines.removeFirst().length;
    }
  }

  /** Appends another buffer's lines (a cold start's init lines before its first invocation). */
  public void addAll(TailBuffer other) {
    java.util.List<byte[]> copy;
    synchronized (other) {
      copy = new java.util.ArrayList<>(other.lines);
    }
    synchronized (this) {
      for (byte[] b : copy) {
        lines.addLast(b);
        bytes += b.length;
      }
      while (lines.size() > 1 && bytes - lines.peekFirst().length >= limit) {
        bytes -= lines.removeFirst().length;
      }
    }
  }

  /** The last {@code limit} bytes of the text, base64-encoded. */
  public synchronized String base64() {
    byte[] all = new byte[bytes];
    int at = 0;
    for (byte[] b : lines) {
      System.arraycopy(b, 0, all, at, b.length);
      at += b.length;
    }
    int from = Math.max(0, all.length - limit);
    while (from < all.length && from > 0 && (all[from] & 0xC0) == 0x80) {
      from++; // never start inside a UTF-8 sequence
    }
    byte[] last = new byte[all.length - from];
    System.arraycopy(all, from, last, 0, last.length);
    return Base64.getEncoder().encodeToString(last);
  }
}
