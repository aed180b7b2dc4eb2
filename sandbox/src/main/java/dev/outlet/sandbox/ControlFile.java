package dev.outlet.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A cgroup control file kept open, read and written at offset 0: one system call per access on the
 * invoke path instead of open, read, close. Thread-safe.
 */
final class ControlFile implements AutoCloseable {
  private final Path path;
  private FileChannel channel;

  ControlFile(Path path) {
    this.path = path;
  }

  synchronized long readLong() {
    try {
      ByteBuffer buf = ByteBuffer.allocate(32);
      int n = channel().read(buf, 0);
      if (n <= 0) {
        return 0;
      }
      String s = new String(buf.array(), 0, n, StandardCharsets.US_ASCII).trim();
      return s.equals("max") ? Long.MAX_VALUE : Long.parseLong(s);
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  synchronized boolean write(String value) {
    try {
      channel().write(ByteBuffer.wrap(value.getBytes(StandardCharsets.US_ASCII)), 0);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private FileChannel channel() throws IOException {
    if (channel == null) {
      channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    return channel;
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // closing a pseudo-file cannot lose data
      }
      channel = null;
    }
  }
}
