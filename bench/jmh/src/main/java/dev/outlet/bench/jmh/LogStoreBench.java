package dev.outlet.bench.jmh;

import dev.outlet.telemetry.LogStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The log store's cost per warm invocation: its platform lines (START, END, REPORT) and {@code
 * functionLines} lines the function printed, appended as the invoke path appends them, then stored
 * by the writer thread (the benchmark waits for the flush, so the writer's CPU is in the figure). A
 * real SQLite file in a temporary folder, or a cluster's PostgreSQL schema on a throwaway server on
 * loopback ({@code engine}), both durable.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogStoreBench {
  private static final int INVOCATIONS = 1000;
  private static final String GROUP = "/aws/lambda/echo";

  @Param({"0", "1"})
  public int functionLines;

  /** Sandboxes (log streams) the invocations are spread over: 1 at one connection, 64 at 64. */
  @Param({"1", "64"})
  public int streams;

  /** Where the events go: one machine's {@code logs.db}, or a cluster's shared database. */
  @Param({"sqlite", "postgresql"})
  public String engine;

  private Path dir;
  private dev.outlet.postgres.LocalPostgres server;
  private LogStore store;
  private String[] ids;
  private String[] streamNames;

  @Setup(Level.Trial)
  public void open() throws Exception {
    if (engine.equals("sqlite")) {
      dir = TempFolder.create("outlet-jmh-logs");
      store = LogStore.open(dir);
    } else {
      if (dev.outlet.postgres.LocalPostgres.binaries().isEmpty()) {
        throw new IllegalStateException(dev.outlet.postgres.LocalPostgres.MISSING);
      }
      server = dev.outlet.postgres.LocalPostgres.start();
      dev.outlet.postgres.PostgresUrl url =
          dev.outlet.postgres.PostgresUrl.parse(server.newDatabase());
      store =
          LogStore.open(
              dev.outlet.postgres.PgLogDatabase.open(url, "outlet_us_east_1"),
              dev.outlet.telemetry.LogStoreOptions.defaults());
    }
    streamNames = new String[streams];
    for (int i = 0; i < streams; i++) {
      streamNames[i] = "2026/12/06/[$LATEST]" + UUID.randomUUID().toString().replace("-", "");
    }
    ids = new String[INVOCATIONS];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = UUID.randomUUID().toString();
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    if (server != null) {
      server.close();
    }
    if (dir != null) {
      TempFolder.delete(dir);
    }
  }

  @Benchmark
  @OperationsPerInvocation(INVOCATIONS)
  public void invocations() {
    long now = System.currentTimeMillis();
    for (int i = 0; i < ids.length; i++) {
      String id = ids[i];
      String stream = streamNames[i % streamNames.length];
      store.append(GROUP, stream, now, "START RequestId: " + id + " Version: $LATEST");
      for (int l = 0; l < functionLines; l++) {
        store.append(GROUP, stream, now, "2026/12/06 01:02:03 handled request " + id);
      }
      store.append(GROUP, stream, now, "END RequestId: " + id);
      store.append(
          GROUP,
          stream,
          now,
          "REPORT RequestId: "
              + id
              + "\tDuration: 0.41 ms\tBilled Duration: 1 ms\tMemory Size: 1769 MB\t"
              + "Max Memory Used: 7 MB\t");
    }
    store.flush();
  }
}
