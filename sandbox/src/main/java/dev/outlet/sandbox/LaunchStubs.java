package dev.outlet.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sandboxes made before they are needed. A stub is the whole isolation chain of {@link
 * LaunchCommand} already started: joined to fresh cgroups, inside bubblewrap's namespaces and
 * mounts, running as the sandbox uid, with two empty folders of its own bound read-only at {@code
 * /var/task} and {@code /var/runtime} and a shell waiting on standard input where the runtime will
 * be. A cold start links the function's files and its runtime's files (a managed runtime's loop)
 * into those folders, sets the memory and CPU limits and sends the shell its environment and the
 * exec of the runtime's command: the isolation steps (an RCU grace period to join a cgroup, the
 * exec of bubblewrap and setpriv, the mounts) are paid ahead of time, off the cold start
 * (docs/architecture.md, "Launch stubs").
 *
 * <p>A stub's /tmp is sized when it starts, so stubs are made for one EphemeralStorage size: the
 * last one a cold start asked for (512 MB at first). The queue of ready stubs is this class's: one
 * maker thread adds, launcher threads take. The maker is a platform thread that lives as long as
 * the stubs, because their death signal ({@code bwrap --die-with-parent}) follows the thread that
 * started them.
 *
 * <p>A container-image function's sandbox has the image as its root, so its stubs are made for one
 * {@link ImageStubKey}, on demand: a cold start of an image asks for one for the next ({@link
 * ImageStubs}).
 */
final class LaunchStubs implements AutoCloseable {
  private static final int DEFAULT_EPHEMERAL_MB = 512;
  private static final long REFILL_DELAY_MILLIS = 50;

  private final Protections protections;
  private final Userland userland;
  private final Path root;
  private final int target;
  private final CodeLinks links = new CodeLinks();
  private final ConcurrentLinkedQueue<Stub> ready = new ConcurrentLinkedQueue<>();
  private final AtomicInteger making = new AtomicInteger();
  private final ScheduledExecutorService maker;
  private volatile int ephemeralMb = DEFAULT_EPHEMERAL_MB;
  private volatile RuntimeEndpoint.Factory endpoints;
  private volatile boolean closed;
  private final ImageStubs images;

  /**
   * @param root the folder the stubs' /var/task folders live in: on the filesystem of the code
   *     store, for hard links; emptied now
   */
  LaunchStubs(Protections protections, Userland userland, Path root, int target)
      throws IOException {
    this.protections = protections;
    this.userland = userland;
    this.root = root;
    this.target = target;
    Scratch.delete(root); // left by an Outlet that was killed
    Files.createDirectories(root);
    this.maker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "outlet-launch-stubs");
              t.setDaemon(true);
              return t;
            });
    this.images = new ImageStubs(maker, this::startImageStub, this::retire);
    refill(0);
  }

  /**
   * A ready stub for {@code spec}, or null when none fits (a burst took them all, another /tmp
   * size, a code tree too big to link, an interpreter from outside /usr that needs its own mount):
   * the caller starts directly.
   */
  Stub take(SandboxSpec spec) {
    Path runtime = spec.launch().runtimeFiles();
    if (spec.launch().image()) { // a generic stub's root is the host's /usr, never an image's
      return images.take(ImageStubKey.of(spec));
    }
    if (!spec.launch().hostMounts().isEmpty()
        || spec.opt() != null // stubs have an empty /opt: a layered function starts directly
        || !links.linkable(spec.codeRoot())
        || (runtime != null && !links.linkable(runtime))) {
      return null;
    }
    if (spec.ephemeralStorage() != ephemeralMb) {
      ephemeralMb = spec.ephemeralStorage();
      Stub other;
      while ((other = ready.poll()) != null) {
        retire(other); // made for another size; the refill makes this one
      }
      refill(0);
      return null;
    }
    Stub stub;
    while ((stub = ready.poll()) != null
        && (!stub.process.isAlive() || stub.ephemeralMb != spec.ephemeralStorage())) {
      // its start failed (the direct start will say why), or it was being made for the size
      // asked before this one when the size changed
      retire(stub);
    }
    refill(REFILL_DELAY_MILLIS); // after this cold start has had the CPU
    return stub;
  }

  CodeLinks links() {
    return links;
  }

  /**
   * Stubs made from now on open their Runtime API listeners ahead of time with {@code endpoints}
   * (see {@link Stub#claimReservation}); so do, on the maker thread, the ones already waiting.
   */
  void reserveWith(RuntimeEndpoint.Factory endpoints) {
    this.endpoints = endpoints;
    try {
      maker.execute(
          () -> {
            for (Stub stub : ready) {
              stub.reserve(endpoints);
            }
            images.forEach(stub -> stub.reserve(endpoints));
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  /**
   * Ends {@code stub} on the maker thread: removing a cgroup waits for its processes to go (up to
   * half a second), which a cold start should not.
   */
  void retire(Stub stub) {
    try {
      maker.execute(stub::discard);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      stub.discard(); // closing
    }
  }

  private void refill(long delayMillis) {
    while (!closed && ready.size() + making.get() < target) {
      making.incrementAndGet();
      maker.schedule(this::make, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  private void make() {
    try {
      if (!closed) {
        int size = ephemeralMb;
        Stub stub =
            Stub.start(
                protections,
                root,
                size,
                null,
                (folders, join) -> LaunchCommand.stub(protections, userland, folders, size, join));
        reserve(stub);
        ready.add(stub);
        if (closed) {
          discardAll();
        }
      }
    } catch (IOException | RuntimeException e) {
      // no stub this time: cold starts take the direct path, which reports the cause
    } finally {
      making.decrementAndGet();
    }
  }

  /** Starts a stub for the image sandboxes of {@code key}, on the maker thread. */
  private Stub startImageStub(ImageStubKey key) throws IOException {
    Stub stub =
        Stub.start(
            protections,
            root,
            key.ephemeralMb(),
            key,
            (folders, join) ->
                ImageCommand.stub(protections, userland, key, join, HostTools.host()));
    reserve(stub);
    return stub;
  }

  private void reserve(Stub stub) {
    RuntimeEndpoint.Factory reserving = endpoints;
    if (reserving != null) {
      stub.reserve(reserving);
    }
  }

  private void discardAll() {
    Stub stub;
    while ((stub = ready.poll()) != null) {
      stub.discard();
    }
  }

  /** Ends the waiting stubs and removes their groups and folders. */
  @Override
  public void close() {
    closed = true;
    images.close();
    for (Runnable pending : maker.shutdownNow()) {
      pending.run(); // stubs waiting to be retired; refills see closed and do nothing
    }
    try {
      maker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    discardAll();
    images.discardAll();
  }

  /** The command line of a stub, given its folders and the cgroup files it joins first. */
  @FunctionalInterface
  interface StubCommand {
    List<String> build(LaunchCommand.Folders folders, List<Path> cgroupJoin);
  }

  /** One sandbox waiting for its function. Used by one launch once taken. */
  static final class Stub {
    private final Process process;
    private final OutputPipe output;
    private final Cgroup cgroup;
    private final Path dir;
    private final OwnNetwork network;
    private final int ephemeralMb; // its /tmp size
    private final ImageStubKey image; // the image sandboxes it is for, or null: zip functions'
    private final long madeNanos;
    private RuntimeEndpoint.Reservation reservation; // guarded by this
    private boolean claimed; // guarded by this

    private Stub(
        Process process,
        OutputPipe output,
        Cgroup cgroup,
        Path dir,
        OwnNetwork network,
        int ephemeralMb,
        ImageStubKey image) {
      this.ephemeralMb = ephemeralMb;
      this.image = image;
      this.madeNanos = System.nanoTime();
      this.process = process;
      this.output = output;
      this.cgroup = cgroup;
      this.dir = dir;
      this.network = network;
    }

    /**
     * @param image the image sandboxes the stub is for, or null for zip functions'
     * @param command its command line
     */
    static Stub start(
        Protections protections,
        Path root,
        int ephemeralMb,
        ImageStubKey image,
        StubCommand command)
        throws IOException {
      String id = "stub-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
      Path dir = root.resolve(id);
      Path task = Files.createDirectories(dir.resolve("task"));
      Path runtime = Files.createDirectories(dir.resolve("runtime"));
      CgroupDriver cgroups = protections.cgroups();
      Cgroup cgroup = cgroups == null ? null : cgroups.create(id);
      OutputPipe output = OutputPipe.open();
      Process process = null;
      try {
        process =
            Spawn.of(
                    command.build(
                        new LaunchCommand.Folders(task, runtime, null),
                        cgroup == null ? List.of() : cgroup.joinFiles()))
                .directory(dir)
                .environment(Map.of())
                .inputPipe()
                .outputTo(output)
                .start();
        output.closeWriteEnd();
        // its namespace, egress and Outlet's API now, off the cold start; the Runtime API at take
        OwnNetwork network =
            protections.network().separate()
                ? OwnNetwork.attach(protections.network(), process.pid())
                : null;
        return new Stub(process, output, cgroup, dir, network, ephemeralMb, image);
      } catch (IOException | RuntimeException e) {
        if (process != null) {
          process.destroyForcibly();
        }
        output.close();
        if (cgroup != null) {
          cgroup.destroy();
        }
        Scratch.delete(dir);
        throw e;
      }
    }

    /** The image sandboxes this stub is for, or null when it is for zip functions'. */
    ImageStubKey image() {
      return image;
    }

    /** When it was started, in {@link System#nanoTime} time. */
    long madeNanos() {
      return madeNanos;
    }

    Process process() {
      return process;
    }

    Cgroup cgroup() {
      return cgroup;
    }

    /** The stub's output pipe, which the sandbox's log pump reads once the stub is taken. */
    OutputPipe output() {
      return output;
    }

    /**
     * Opens the stub's Runtime API listeners ahead of time, inside its network (nothing without
     * one); without them, the cold start that takes it opens one.
     */
    void reserve(RuntimeEndpoint.Factory endpoints) {
      if (network == null) {
        return;
      }
      RuntimeEndpoint.Reservation made;
      try {
        made = endpoints.reserve(network.namespace());
      } catch (IOException | RuntimeException e) {
        return; // the cold start opens its own, which reports the cause
      }
      if (made == null) {
        return;
      }
      synchronized (this) {
        if (!claimed && reservation == null) {
          reservation = made;
          return;
        }
      }
      made.close(); // taken meanwhile
    }

    /** The listeners opened ahead of time, or null; once, by the launch that took the stub. */
    synchronized RuntimeEndpoint.Reservation claimReservation() {
      claimed = true;
      RuntimeEndpoint.Reservation r = reservation;
      reservation = null;
      return r;
    }

    /** The stub's own network, or null when sandboxes share the host's. */
    OwnNetwork network() {
      return network;
    }

    /** The stub's own folder: remove it once the process is gone. */
    Path dir() {
      return dir;
    }

    /**
     * Makes the stub the sandbox of {@code spec}: its code at /var/task, its limits, then the exec
     * of its entrypoint with exactly {@code environment}. Throws when the stub cannot take it; then
     * discard it.
     */
    void become(
        SandboxSpec spec,
        Map<String, String> environment,
        Path emulator,
        CodeLinks links,
        LaunchCommand.CacheMode cache)
        throws IOException {
      String script = LaunchCommand.stubExec(spec, environment, emulator, cache);
      if (image == null) { // an image brings its own /var/task
        links.link(spec.codeRoot(), dir.resolve("task"));
      }
      if (spec.launch().runtimeFiles() != null) {
        Path runtime = dir.resolve("runtime");
        links.link(spec.launch().runtimeFiles(), runtime);
        if (cache instanceof LaunchCommand.CacheMode.Use use) {
          Path shown = runtime.resolve(LaunchCommand.CACHE_FILE);
          Files.deleteIfExists(shown);
          Files.createLink(shown, use.file());
        }
      }
      if (cgroup != null) {
        cgroup.limit(spec.memorySize());
      }
      OutputStream in = process.getOutputStream();
      in.write(script.getBytes(StandardCharsets.UTF_8));
      in.close();
    }

    void discard() {
      process.destroyForcibly();
      output.close(); // nobody reads a stub that was never taken
      if (cgroup != null) {
        cgroup.destroy();
      }
      process.onExit().thenRun(() -> Scratch.delete(dir));
      RuntimeEndpoint.Reservation unclaimed = claimReservation();
      if (unclaimed != null) {
        unclaimed.close();
      }
      if (network != null) {
        network.close();
      }
    }
  }
}
