package dev.outlet.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What checking an Invoke payload costs: Outlet's streaming check (tokens and UTF-8, nothing kept)
 * against reading the payload into a tree (the baseline a naive check would pay), for an event-like
 * JSON document of 1 KB, 64 KB and 1 MB. Divide by the size in KB for the cost per KB.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JsonPayloadBench {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Param({"1", "64", "1024"})
  public int kilobytes;

  private byte[] payload;

  @Setup
  public void build() {
    StringBuilder b = new StringBuilder("{\"Records\":[");
    int i = 0;
    while (b.length() < kilobytes * 1024 - 200) {
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"messageId\":\"")
          .append(i)
          .append("\",\"body\":\"Hello from SQS, caf\\u00e9 n\u00ba ")
          .append(i)
          .append("\",\"attributes\":{\"ApproximateReceiveCount\":\"1\",\"SentTimestamp\":")
          .append(1_700_000_000_000L + i)
          .append("},\"awsRegion\":\"us-east-1\",\"ok\":true,\"n\":null,\"x\":-1.5e3}");
      i++;
    }
    payload = b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public byte[] streamingCheck() {
    JsonPayload.check(payload);
    return payload;
  }

  @Benchmark
  public JsonNode treeBaseline() throws IOException {
    return MAPPER.readTree(payload);
  }
}
