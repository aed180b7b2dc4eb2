package dev.outlet.sandbox;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts a sandbox's processes (bubblewrap, a launch stub, slirp4netns) with {@code posix_spawnp}
 * and a child that closes every descriptor above its standard three with one {@code close_range}.
 *
 * <p>Why not the JDK's {@code ProcessBuilder}: its child closes Outlet's descriptors one by one,
 * listing {@code /proc/self/fd}, after a first {@code exec} of {@code jspawnhelper}; Outlet holds
 * four or five descriptors per sandbox (its output pipe, its Runtime API's sockets, its network
 * namespace), so each start cost more than the last, and a burst of cold starts grew with its
 * square. Measured here with 2,000 open descriptors: 8.5 ms of wall time per start of {@code
 * /bin/true} through {@code ProcessBuilder}, 0.94 ms through this (0.93 ms with 20); with 8,000: 27
 * and 1.9 ms. Where the C library lacks {@code posix_spawn_file_actions_addclosefrom_np} (glibc
 * before 2.34, musl) or {@code ..._addchdir_np}, {@code ProcessBuilder} starts the process with the
 * same streams.
 *
 * <p>The child's signal mask is emptied and every signal set to its default action, as a process
 * started by a shell has them. Arguments and environment are passed as UTF-8.
 */
final class Spawn {
  /** Whether this host's C library has what a native start needs. */
  static final boolean NATIVE = available();

  private final List<String> command;
  private Path directory; // null: Outlet's own
  private Map<String, String> environment; // null: Outlet's own
  private boolean inputPipe; // else /dev/null
  private OutputPipe output; // stdout and stderr; null: stdout readable, stderr discarded

  private Spawn(List<String> command) {
    this.command = List.copyOf(command);
  }

  static Spawn of(List<String> command) {
    return new Spawn(command);
  }

  /** The child's working folder. */
  Spawn directory(Path dir) {
    this.directory = dir;
    return this;
  }

  /** The child's whole environment (none of Outlet's). */
  Spawn environment(Map<String, String> env) {
    this.environment = Map.copyOf(env);
    return this;
  }

  /** The child reads a pipe Outlet writes ({@link Process#getOutputStream}), not /dev/null. */
  Spawn inputPipe() {
    this.inputPipe = true;
    return this;
  }

  /**
   * The child's standard output and error go into {@code pipe}, whose write end the caller closes
   * once the child started. Without it, standard output is read through {@link
   * Process#getInputStream} and standard error is discarded.
   */
  Spawn outputTo(OutputPipe pipe) {
    this.output = pipe;
    return this;
  }

  /** Starts the process; the calling thread is its parent (for a death signal it asks for). */
  Process start() throws IOException {
    return start(NATIVE);
  }

  Process start(boolean nativeStart) throws IOException {
    return nativeStart ? startNative() : startWithJdk();
  }

  private Process startWithJdk() throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (directory != null) {
      pb.directory(directory.toFile());
    }
    if (environment != null) {
      pb.environment().clear();
      pb.environment().putAll(environment);
    }
    if (!inputPipe) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    if (output != null) {
      pb.redirectOutput(ProcessBuilder.Redirect.to(output.writeEnd()));
      pb.redirectErrorStream(true);
    } else {
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    return pb.start();
  }

  private Process startNative() throws IOException {
    Fds fds = new Fds();
    try {
      int[] in = inputPipe ? fds.pipe() : null;
      int stdin = in != null ? in[0] : fds.devNull(O_RDONLY);
      int[] out = output == null ? fds.pipe() : null;
      int stdout = out != null ? out[1] : output.writeFd();
      int stderr = output != null ? stdout : fds.devNull(O_WRONLY);
      Memory actions = new Memory(512);
      Memory attributes = new Memory(512);
      Libc.posix_spawn_file_actions_init(actions);
      Libc.posix_spawnattr_init(attributes);
      try {
        check(
            "posix_spawn_file_actions_adddup2",
            Libc.posix_spawn_file_actions_adddup2(actions, stdin, 0));
        check(
            "posix_spawn_file_actions_adddup2",
            Libc.posix_spawn_file_actions_adddup2(actions, stdout, 1));
        check(
            "posix_spawn_file_actions_adddup2",
            Libc.posix_spawn_file_actions_adddup2(actions, stderr, 2));
        if (directory != null) {
          check(
              "posix_spawn_file_actions_addchdir_np",
              Libc.posix_spawn_file_actions_addchdir_np(actions, cString(directory.toString())));
        }
        check(
            "posix_spawn_file_actions_addclosefrom_np",
            Libc.posix_spawn_file_actions_addclosefrom_np(actions, 3));
        Memory none = new Memory(128); // sigset_t
        Memory all = new Memory(128);
        Libc.sigemptyset(none);
        Libc.sigfillset(all);
        check("posix_spawnattr_setsigmask", Libc.posix_spawnattr_setsigmask(attributes, none));
        check("posix_spawnattr_setsigdefault", Libc.posix_spawnattr_setsigdefault(attributes, all));
        check(
            "posix_spawnattr_setflags",
            Libc.posix_spawnattr_setflags(attributes, (short) (SETSIGDEF | SETSIGMASK)));
        IntByReference pid = new IntByReference();
        String[] env = environment == null ? currentEnvironment() : pairs(environment);
        int error =
            Libc.posix_spawnp(
                pid,
                cString(command.get(0)),
                actions,
                attributes,
                new StringArray(command.toArray(String[]::new), UTF_8),
                new StringArray(env, UTF_8));
        if (error != 0) {
          throw new IOException(
              "Cannot run program \""
                  + command.get(0)
                  + "\""
                  + (directory == null ? "" : " (in directory \"" + directory + "\")")
                  + ": error="
                  + error
                  + ", "
                  + Libc.strerror(error));
        }
        int input = in != null ? fds.keep(in[1]) : -1;
        int readable = out != null ? fds.keep(out[0]) : -1;
        return new SpawnedProcess(pid.getValue(), input, readable);
      } finally {
        Libc.posix_spawn_file_actions_destroy(actions);
        Libc.posix_spawnattr_destroy(attributes);
      }
    } finally {
      fds.close(); // the child's ends, and Outlet's on failure
    }
  }

  private static void check(String call, int error) throws IOException {
    if (error != 0) {
      throw new IOException(call + " failed: error=" + error + ", " + Libc.strerror(error));
    }
  }

  private static String[] pairs(Map<String, String> env) {
    return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
  }

  private static String[] currentEnvironment() {
    return pairs(System.getenv());
  }

  private static Memory cString(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    Memory m = new Memory(bytes.length + 1L);
    m.write(0, bytes, 0, bytes.length);
    m.setByte(bytes.length, (byte) 0);
    return m;
  }

  private static boolean available() {
    try {
      NativeLibrary c = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
      c.getFunction("posix_spawn_file_actions_addclosefrom_np");
      c.getFunction("posix_spawn_file_actions_addchdir_np");
      Libc.sigemptyset(new Memory(128)); // binds the rest
      return Platform.isLinux();
    } catch (LinkageError e) {
      return false;
    }
  }

  /** Descriptors opened for one start: closed at its end unless kept for the process. */
  private static final class Fds implements AutoCloseable {
    private final int[] opened = new int[6];
    private int count;

    int[] pipe() throws IOException {
      int[] fds = new int[2];
      try {
        Libc.pipe2(fds, O_CLOEXEC);
      } catch (LastErrorException e) {
        throw new IOException("pipe2 failed: errno " + e.getErrorCode(), e);
      }
      opened[count++] = fds[0];
      opened[count++] = fds[1];
      return fds;
    }

    int devNull(int mode) throws IOException {
      try {
        int fd = Libc.open("/dev/null", mode | O_CLOEXEC);
        opened[count++] = fd;
        return fd;
      } catch (LastErrorException e) {
        throw new IOException("cannot open /dev/null: errno " + e.getErrorCode(), e);
      }
    }

    int keep(int fd) {
      for (int i = 0; i < count; i++) {
        if (opened[i] == fd) {
          opened[i] = -1;
        }
      }
      return fd;
    }

    @Override
    public void close() {
      for (int i = 0; i < count; i++) {
        if (opened[i] >= 0) {
          SpawnedProcess.closeQuietly(opened[i]);
        }
      }
    }
  }

  private static final String UTF_8 = "UTF-8";
  private static final int O_RDONLY = 0;
  private static final int O_WRONLY = 1;
  private static final int O_CLOEXEC = 02000000;
  private static final int SETSIGDEF = 0x04;
  private static final int SETSIGMASK = 0x08;

  /** The C library's process-start calls, bound by JNA's direct mapping. */
  static final class Libc {
    static {
      Native.register(Libc.class, Platform.C_LIBRARY_NAME); // the class named: see OutputPipe.Libc
    }

    private Libc() {}

    static native int posix_spawn_file_actions_init(Pointer actions);

    static native int posix_spawn_file_actions_destroy(Pointer actions);

    static native int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newFd);

    static native int posix_spawn_file_actions_addchdir_np(Pointer actions, Pointer path);

    static native int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

    static native int posix_spawnattr_init(Pointer attributes);

    static native int posix_spawnattr_destroy(Pointer attributes);

    static native int posix_spawnattr_setflags(Pointer attributes, short flags);

    static native int posix_spawnattr_setsigmask(Pointer attributes, Pointer mask);

    static native int posix_spawnattr_setsigdefault(Pointer attributes, Pointer signals);

    static native int sigemptyset(Pointer set);

    static native int sigfillset(Pointer set);

    static native int posix_spawnp(
        IntByReference pid,
        Pointer file,
        Pointer actions,
        Pointer attributes,
        StringArray argv,
        StringArray envp);

    static native String strerror(int error);

    static native int pipe2(int[] fds, int flags) throws LastErrorException;

    static native int open(String path, int flags) throws LastErrorException;
  }
}
