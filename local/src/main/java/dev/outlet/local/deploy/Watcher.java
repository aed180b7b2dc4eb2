package dev.outlet.local.deploy;

import dev.outlet.local.sam.SamFunction;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Watch mode: polls every function's {@code CodeUri} (a folder or a zip) and, once a change has
 * been stable for {@link #SETTLE_MILLIS} (and a zip reads completely), uploads the new code with
 * UpdateFunctionCode. Outlet then sends new invocations to new sandboxes while in-flight ones
 * finish on the old. A half-written file is never deployed: while its size or time keeps moving, or
 * a zip lacks its central directory, the watcher waits.
 *
 * <p>One thread (its own) owns the fingerprints; {@link #close} stops it and waits for it.
 */
public final class Watcher implements AutoCloseable {
  static final long POLL_MILLIS = 50;
  static final long SETTLE_MILLIS = 150;

  /** A snapshot of a code location: every file's path, size, time and mode. */
  record Fingerprint(List<String> entries) {}

  private final List<SamFunction> functions;
  private final Deployer deployer;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Thread thread;
  private volatile boolean running = true;

  public Watcher(List<SamFunction> functions, Deployer deployer, PrintWriter out, PrintWriter err) {
    this.functions = functions.stream().filter(f -> !f.isImage()).toList(); // zips only
    this.deployer = deployer;
    this.out = out;
    this.err = err;
    this.thread = new Thread(this::loop, "outlet-watch");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void loop() {
    Map<String, Fingerprint> deployed = new HashMap<>();
    Map<String, Fingerprint> pending = new HashMap<>();
    Map<String, Long> firstSeen = new HashMap<>();
    Map<String, Long> stableSince = new HashMap<>();
    for (SamFunction f : functions) {
      deployed.put(f.logicalId(), fingerprint(f.codeUri()));
    }
    while (running) {
      long now = System.nanoTime();
      for (SamFunction f : functions) {
        String id = f.logicalId();
        Fingerprint fp = fingerprint(f.codeUri());
        if (fp.equals(deployed.get(id))) {
          pending.remove(id);
          firstSeen.remove(id);
          continue;
        }
        if (!fp.equals(pending.get(id))) {
          pending.put(id, fp);
          stableSince.put(id, now);
          firstSeen.putIfAbsent(id, now);
          continue;
        }
        if ((now - stableSince.get(id)) / 1_000_000 < SETTLE_MILLIS || fp.entries().isEmpty()) {
          continue;
        }
        byte[] zip;
        long packStart = System.nanoTime();
        try {
          zip = Packager.zip(f.codeUri());
        } catch (IOException e) {
          stableSince.put(id, now); // e.g. a zip without its central directory yet: wait on
          continue;
        }
        if (!fp.equals(fingerprint(f.codeUri()))) {
          continue; // changed while packaging
        }
        long uploadStart = System.nanoTime();
        try {
          boolean uploaded = deployer.updateCode(f, zip);
          long end = System.nanoTime();
          if (uploaded) {
            out.println(
                "Reloaded %s (%s): new code live %d ms after the change (stable after %d ms,"
                        .formatted(
                            id,
                            f.name(),
                            ms(end, firstSeen.get(id)),
                            ms(packStart, firstSeen.get(id)))
                    + " packaged in %d ms, updated in %d ms)"
                        .formatted(ms(uploadStart, packStart), ms(end, uploadStart)));
          }
          out.flush();
          deployed.put(id, fp);
        } catch (DeployException e) {
          err.println("Reload of " + id + " failed: " + e.getMessage());
          err.flush();
          deployed.put(id, fp); // do not retry the same bytes in a loop; the next change retries
        }
        pending.remove(id);
        firstSeen.remove(id);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static long ms(long later, long earlier) {
    return (later - earlier) / 1_000_000;
  }

  static Fingerprint fingerprint(Path code) {
    List<String> entries = new ArrayList<>();
    try (Stream<Path> walk = Files.isDirectory(code) ? Files.walk(code) : Stream.of(code)) {
      walk.sorted()
          .forEach(
              p -> {
                try {
                  BasicFileAttributes a =
                      Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                  String mode = a.isSymbolicLink() ? "l" : Files.isExecutable(p) ? "x" : "-";
                  entries.add(
                      p
                          + "|"
                          + a.size()
                          + "|"
                          + a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS)
                          + "|"
                          + mode
                          + "|"
                          + Objects.hashCode(a.fileKey()));
                } catch (IOException e) {
                  entries.add(p + "|gone");
                }
              });
    } catch (IOException | RuntimeException e) {
      return new Fingerprint(List.of());
    }
    return new Fingerprint(entries);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
