package dev.outlet.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The front's own work per request, besides Invoke's: the payload 2.0 event of a small POST (what
 * bench/run's gateway scenario sends), mapping the function's answer (that event echoed back) to
 * the HTTP response, by streaming (Outlet) against reading it into a tree (the baseline), and the
 * request time of the event and access log line, cached per second against formatted each time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class GatewayBench {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final java.time.format.DateTimeFormatter CLF =
      java.time.format.DateTimeFormatter.ofPattern(
              "dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ENGLISH)
          .withZone(java.time.ZoneOffset.UTC);

  private final FrontRequest request =
      new FrontRequest(
          "POST",
          "/bench",
          "",
          List.of(
              Map.entry("Host", "127.0.0.1:9070"),
              Map.entry("Content-Length", "100"),
              Map.entry("Content-Type", "application/json")),
          "HTTP/1.1",
          "127.0.0.1",
          "127.0.0.1",
          "127",
          "{\"message\":\"hello from the benchmark, one hundred bytes of JSON payload........\"}"
              .getBytes(StandardCharsets.UTF_8),
          System.currentTimeMillis());
  private final Events.Context context =
      new Events.Context(
          "000000000000",
          "abcdefghij",
          "AbCdEfGhIjKlMnO=",
          "$default",
          "$default",
          "$default",
          Map.of(),
          null,
          null);
  private final byte[] echoed = Events.v2(request, context);

  @Benchmark
  public byte[] eventV2() {
    return Events.v2(request, context);
  }

  @Benchmark
  public ProxyResponse mapEchoStreaming() throws ProxyResponse.Malformed {
    return ProxyResponse.map(echoed, false);
  }

  @Benchmark
  public Object mapEchoTreeBaseline() throws IOException {
    return MAPPER.readTree(echoed);
  }

  @Benchmark
  public String requestTimeCached() {
    return ClfTime.format(request.timeEpochMillis());
  }

  @Benchmark
  public String requestTimeFormattedBaseline() {
    return CLF.format(java.time.Instant.ofEpochMilli(request.timeEpochMillis()));
  }
}
