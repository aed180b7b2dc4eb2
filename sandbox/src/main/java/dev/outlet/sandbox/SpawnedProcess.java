package dev.outlet.sandbox;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child {@link Spawn} started. A thread of its own waits for it to exit ({@code waitid} without
 * reaping), then, under this object's lock, marks it exited and reaps it: a signal is sent only
 * under that lock to a child not yet reaped, so never to another process that reused its pid. The
 * exit value is the JDK's: the code, or 128 plus the signal that ended it.
 */
final class SpawnedProcess extends Process {
  private static final int SIGTERM = 15;
  private static final int SIGKILL = 9;
  private static final int P_PID = 1;
  private static final int WEXITED = 4;
  private static final int WNOWAIT = 0x01000000;
  private static final int EINTR = 4;

  private final int pid;
  private final OutputStream input;
  private final InputStream output;
  private final CompletableFuture<Process> exit = new CompletableFuture<>();
  private boolean reaped; // guarded by this
  private int exitValue; // guarded by this

  /**
   * @param input Outlet's end of the child's standard input, or -1
   * @param output Outlet's end of the child's standard output, or -1
   */
  SpawnedProcess(int pid, int input, int output) {
    this.pid = pid;
    this.input = input < 0 ? OutputStream.nullOutputStream() : new FdOutput(input);
    this.output = output < 0 ? InputStream.nullInputStream() : new FdInput(output);
    Thread.ofPlatform()
        .name("outlet-reaper-" + pid)
        .daemon()
        .stackSize(128 * 1024)
        .start(this::reap);
  }

  private void reap() {
    Memory info = new Memory(128); // siginfo_t
    while (true) {
      try {
        Libc.waitid(P_PID, pid, info, WEXITED | WNOWAIT);
        break;
      } catch (LastErrorException e) {
        if (e.getErrorCode() != EINTR) {
          break; // not our child any more: nothing to wait for
        }
      }
    }
    synchronized (this) {
      IntByReference status = new IntByReference();
      try {
        Libc.waitpid(pid, status, 0);
        int s = status.getValue();
        int signal = s & 0x7f;
        exitValue = signal == 0 ? (s >> 8) & 0xff : 0x80 + signal;
      } catch (LastErrorException e) {
        exitValue = -1;
      }
      reaped = true;
    }
    exit.complete(this); // first: its owner's clean-up ends whatever might hold a writer blocked
    try {
      input.close(); // as the JDK's streams of an exited process: writes fail, reads end
      output.close();
    } catch (IOException e) {
      // closing a descriptor Outlet holds does not fail
    }
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public OutputStream getOutputStream() {
    return input;
  }

  @Override
  public InputStream getInputStream() {
    return output;
  }

  @Override
  public InputStream getErrorStream() {
    return InputStream.nullInputStream();
  }

  @Override
  public int waitFor() throws InterruptedException {
    try {
      exit.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
    return exitValue();
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    try {
      exit.get(timeout, unit);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized int exitValue() {
    if (!reaped) {
      throw new IllegalThreadStateException("process hasn't exited");
    }
    return exitValue;
  }

  @Override
  public boolean isAlive() {
    return !exit.isDone();
  }

  @Override
  public CompletableFuture<Process> onExit() {
    return exit.copy();
  }

  @Override
  public void destroy() {
    signal(SIGTERM);
  }

  @Override
  public Process destroyForcibly() {
    signal(SIGKILL);
    return this;
  }

  @Override
  public boolean supportsNormalTermination() {
    return true;
  }

  @Override
  public ProcessHandle toHandle() {
    return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("exited"));
  }

  private synchronized void signal(int signal) {
    if (!reaped) {
      try {
        Libc.kill(pid, signal);
      } catch (LastErrorException e) {
        // exited, not yet reaped: nothing to end
      }
    }
  }

  static void closeQuietly(int fd) {
    try {
      Libc.close(fd);
    } catch (LastErrorException e) {
      // gone either way
    }
  }

  /** Outlet's end of the child's standard input. */
  private static final class FdOutput extends OutputStream {
    private final int fd;
    private boolean closed; // guarded by this

    FdOutput(int fd) {
      this.fd = fd;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("Stream closed");
      }
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      byte[] rest = off == 0 ? b : java.util.Arrays.copyOfRange(b, off, off + len);
      int done = 0;
      while (done < len) {
        try {
          byte[] chunk = done == 0 ? rest : java.util.Arrays.copyOfRange(rest, done, len);
          done += (int) Libc.write(fd, chunk, len - done);
        } catch (LastErrorException e) {
          if (e.getErrorCode() != EINTR) {
            throw new IOException("write failed: errno " + e.getErrorCode(), e);
          }
        }
      }
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        closeQuietly(fd);
      }
    }
  }

  /**
   * Outlet's end of the child's standard output, read blocking (what the child wrote and nobody
   * read is dropped once it exited). Closed once the child exited, or by its reader: a read in
   * progress finishes on the descriptor before it is closed, so a read never meets a descriptor
   * number reused since.
   */
  private static final class FdInput extends InputStream {
    private final int fd;
    private int readers; // guarded by this
    private boolean closing; // guarded by this
    private boolean closed; // guarded by this

    FdInput(int fd) {
      this.fd = fd;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      byte[] into = new byte[len];
      synchronized (this) {
        if (closing) {
          return -1;
        }
        readers++;
      }
      try {
        while (true) {
          try {
            int n = (int) Libc.read(fd, into, len);
            if (n == 0) {
              return -1;
            }
            System.arraycopy(into, 0, b, off, n);
            return n;
          } catch (LastErrorException e) {
            if (e.getErrorCode() != EINTR) {
              throw new IOException("read failed: errno " + e.getErrorCode(), e);
            }
          }
        }
      } finally {
        synchronized (this) {
          readers--;
          closeIfDone();
        }
      }
    }

    @Override
    public synchronized void close() {
      closing = true;
      closeIfDone();
    }

    private void closeIfDone() { // holding this
      if (closing && readers == 0 && !closed) {
        closed = true;
        closeQuietly(fd);
      }
    }
  }

  /** The C library's calls for a child's life, bound by JNA's direct mapping. */
  static final class Libc {
    static {
      Native.register(Libc.class, Platform.C_LIBRARY_NAME); // the class named: see OutputPipe.Libc
    }

    private Libc() {}

    static native int waitid(int idType, int id, Pointer info, int options)
        throws LastErrorException;

    static native int waitpid(int pid, IntByReference status, int options)
        throws LastErrorException;

    static native int kill(int pid, int signal) throws LastErrorException;

    static native long write(int fd, byte[] buffer, long count) throws LastErrorException;

    static native long read(int fd, byte[] buffer, long count) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
  }
}
