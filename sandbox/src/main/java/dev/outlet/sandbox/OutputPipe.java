package dev.outlet.sandbox;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.File;
import java.io.IOException;

/**
 * The pipe a runtime writes its stdout and stderr into, read without blocking.
 *
 * <p>Why not the JDK's process stream: END and REPORT must follow everything the function printed
 * before it posted its response. With a blocking reader, bytes the reader thread has already taken
 * out of the pipe but not yet turned into lines are invisible to whoever decides to write END, and
 * the JDK's stream holds its monitor while blocked in {@code read}, so nobody else may even ask
 * {@code available()}. Here the read end is non-blocking: the reader thread only waits for
 * readiness ({@link #awaitReadable}) and reads under its owner's lock, and whoever is about to
 * write END reads what the pipe already holds itself, under the same lock. Nothing is in anybody's
 * hands outside the lock (docs/architecture.md, "The log pump").
 *
 * <p>The child gets the write end as its descriptor ({@link #writeFd}, for {@link Spawn}) or by
 * path ({@link #writeEnd}: {@code /proc/self/fd/N}, for the JDK's {@code ProcessBuilder}); {@link
 * #closeWriteEnd} must be called once the child is started, so that the pipe reports end-of-file
 * when the runtime and everything it started have exited.
 *
 * <p>Contract: one owner reads ({@link #read}) and closes ({@link #close}), serialized by the
 * owner's lock; {@link #awaitReadable} may be called by the owner's reader thread without the lock.
 * The read end is closed only by {@link #close}, never while another thread polls it.
 */
public final class OutputPipe implements AutoCloseable {
  private static final int O_NONBLOCK = 04000;
  private static final int O_CLOEXEC = 02000000;
  private static final int F_SETFL = 4;
  private static final short POLLIN = 0x1;
  private static final int EAGAIN = 11;
  private static final int EINTR = 4;
  private static final long FIONREAD = 0x541B;

  private final int readFd;
  private int writeFd;
  private final Memory pollFd =
      new Memory(8); // struct pollfd { int fd; short events; short revents; }
  private volatile boolean closed;

  private OutputPipe(int readFd, int writeFd) {
    this.readFd = readFd;
    this.writeFd = writeFd;
    pollFd.setInt(0, readFd);
    pollFd.setShort(4, POLLIN);
  }

  /**
   * A new pipe, both ends close-on-exec, the read end non-blocking; the write end blocks, so a
   * runtime given it ({@link Spawn}) writes as it would to any pipe.
   */
  public static OutputPipe open() throws IOException {
    int[] fds = new int[2];
    try {
      Libc.pipe2(fds, O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new IOException("pipe2 failed: errno " + e.getErrorCode(), e);
    }
    try {
      Libc.fcntl(fds[0], F_SETFL, O_NONBLOCK);
    } catch (LastErrorException e) {
      closeQuietly(fds[0]);
      closeQuietly(fds[1]);
      throw new IOException("fcntl(O_NONBLOCK) failed: errno " + e.getErrorCode(), e);
    }
    return new OutputPipe(fds[0], fds[1]);
  }

  /** The write end's descriptor, for a child's standard output and error ({@link Spawn}). */
  synchronized int writeFd() {
    if (writeFd < 0) {
      throw new IllegalStateException("the write end is closed");
    }
    return writeFd;
  }

  /** A path that opens the write end, for {@code ProcessBuilder.Redirect.to}. */
  public synchronized File writeEnd() {
    if (writeFd < 0) {
      throw new IllegalStateException("the write end is closed");
    }
    return new File("/proc/self/fd/" + writeFd);
  }

  /** Closes Outlet's own copy of the write end (the child keeps its own). Idempotent. */
  public synchronized void closeWriteEnd() {
    if (writeFd >= 0) {
      closeQuietly(writeFd);
      writeFd = -1;
    }
  }

  /**
   * Waits until the pipe holds bytes or its writers are gone (or the pipe was closed). Blocks the
   * calling thread in the kernel; call only from the reader's own thread.
   */
  public void awaitReadable() throws IOException {
    while (true) {
      try {
        Libc.poll(pollFd, 1, -1);
        return;
      } catch (LastErrorException e) {
        if (e.getErrorCode() != EINTR) {
          throw new IOException("poll failed: errno " + e.getErrorCode(), e);
        }
      }
    }
  }

  /**
   * Reads what the pipe holds now, without waiting. Asks the kernel how much is there first ({@code
   * FIONREAD}): an empty pipe, the usual case when whoever writes END looks, costs one {@code
   * ioctl} and no exception.
   *
   * @return the number of bytes read (at least 1), 0 when the pipe is empty
   */
  public int read(byte[] buffer) throws IOException {
    if (closed) {
      return 0;
    }
    int[] held = new int[1];
    try {
      Libc.ioctl(readFd, FIONREAD, held);
    } catch (LastErrorException e) {
      throw new IOException("ioctl(FIONREAD) failed: errno " + e.getErrorCode(), e);
    }
    if (held[0] <= 0) {
      return 0;
    }
    return readRaw(buffer, Math.min(held[0], buffer.length));
  }

  /**
   * Reads once, whatever the pipe holds, for a reader woken by {@code poll} that found nothing to
   * read: the writers are gone (end-of-file) or it was a spurious wake-up.
   *
   * @return the number of bytes read, 0 when the pipe is empty, -1 at end-of-file
   */
  public int readAtWakeUp(byte[] buffer) throws IOException {
    if (closed) {
      return -1;
    }
    int n = readRaw(buffer, buffer.length);
    return n == 0 ? -1 : n == -2 ? 0 : n;
  }

  /** One read(2): the count, 0 at end-of-file, -2 when it would block. */
  private int readRaw(byte[] buffer, int length) throws IOException {
    while (true) {
      try {
        return (int) Libc.read(readFd, buffer, length);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == EAGAIN) {
          return -2;
        }
        if (e.getErrorCode() != EINTR) {
          throw new IOException("read failed: errno " + e.getErrorCode(), e);
        }
      }
    }
  }

  /** Closes both ends. Idempotent. */
  @Override
  public synchronized void close() {
    closeWriteEnd();
    if (!closed) {
      closed = true;
      closeQuietly(readFd);
    }
  }

  private static void closeQuietly(int fd) {
    try {
      Libc.close(fd);
    } catch (LastErrorException e) {
      // nothing to do: the descriptor is gone either way
    }
  }

  /**
   * The few libc calls this needs, bound once by JNA's direct mapping. The class is named to JNA:
   * left to find it, JNA guesses its caller from the stack, and with reflection through native
   * accessors ({@code -Djdk.reflect.useNativeAccessorOnly=true}, the launcher's) it guessed a JDK
   * class and failed on its natives ("Error looking up function 'indexOf'").
   */
  static final class Libc {
    static {
      Native.register(Libc.class, com.sun.jna.Platform.C_LIBRARY_NAME);
    }

    private Libc() {}

    static native int pipe2(int[] fds, int flags) throws LastErrorException;

    static native int poll(Pointer fds, long nfds, int timeout) throws LastErrorException;

    static native long read(int fd, byte[] buffer, long count) throws LastErrorException;

    static native int ioctl(int fd, long request, int[] value) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int fcntl(int fd, int command, int argument) throws LastErrorException;
  }
}
