package dev.outlet.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A data folder's lock ({@code DATA/outlet.lock}): one process at a time serves a folder or imports
 * it into a cluster. Held as an OS file lock, so a process killed with -9 leaves none; the file
 * names the holder's pid for the refusal's message.
 */
final class DataLock implements AutoCloseable {
  static final String FILE = "outlet.lock";

  /** Another process holds the folder. */
  static final class Held extends IOException {
    private static final long serialVersionUID = 1L;

    Held(String message) {
      super(message);
    }
  }

  private final FileChannel channel;
  private final FileLock lock;

  private DataLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes {@code data}'s lock (creating the folder's lock file), or throws {@link Held} naming the
   * process that holds it.
   */
  static DataLock take(Path data) throws IOException {
    Path file = data.resolve(FILE);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this process holds it already
      }
      if (lock == null) {
        throw new Held(
            "another Outlet ("
                + holder(file)
                + ") is using "
                + data
                + "; stop it first, or give"
                + " this one another --data-dir");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      return new DataLock(channel, lock);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static String holder(Path file) {
    try {
      String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return pid.matches("[0-9]{1,10}") ? "pid " + pid : "a process";
    } catch (IOException e) {
      return "a process";
    }
  }

  @Override
  public void close() {
    if (!channel.isOpen()) {
      return;
    }
    try {
      lock.release();
    } catch (IOException e) {
      // the channel's close below releases it too
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing held any more
    }
  }
}
