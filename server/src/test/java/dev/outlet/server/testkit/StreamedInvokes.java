package dev.outlet.server.testkit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamCompleteEvent;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamRequest;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponse;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponseHandler;

/**
 * InvokeWithResponseStream through the AWS SDK for Java v2's async client (its Netty HTTP client,
 * the only one that reads event streams), each chunk recorded with the time it arrived.
 */
public final class StreamedInvokes {
  private StreamedInvokes() {}

  /** What one streamed invocation delivered, and when. */
  public record Streamed(
      InvokeWithResponseStreamResponse response,
      List<String> chunks,
      List<Long> chunkNanos,
      InvokeWithResponseStreamCompleteEvent complete,
      long completeNanos) {
    public String body() {
      return String.join("", chunks);
    }
  }

  /** A client of the Outlet at {@code endpoint} (any credentials: `--auth open`). */
  public static LambdaAsyncClient client(String endpoint) {
    return LambdaAsyncClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder())
        .build();
  }

  /** Sends {@code request} and reads its stream to the end (60 s at most). */
  public static Streamed stream(LambdaAsyncClient lambda, InvokeWithResponseStreamRequest request)
      throws Exception {
    AtomicReference<InvokeWithResponseStreamResponse> response = new AtomicReference<>();
    List<String> chunks = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    AtomicReference<InvokeWithResponseStreamCompleteEvent> complete = new AtomicReference<>();
    long[] completeAt = {0};
    InvokeWithResponseStreamResponseHandler handler =
        InvokeWithResponseStreamResponseHandler.builder()
            .onResponse(response::set)
            .subscriber(
                InvokeWithResponseStreamResponseHandler.Visitor.builder()
                    .onPayloadChunk(
                        c -> {
                          chunks.add(c.payload().asUtf8String());
                          times.add(System.nanoTime());
                        })
                    .onInvokeComplete(
                        c -> {
                          complete.set(c);
                          completeAt[0] = System.nanoTime();
                        })
                    .build())
            .build();
    lambda.invokeWithResponseStream(request, handler).get(60, TimeUnit.SECONDS);
    return new Streamed(response.get(), chunks, times, complete.get(), completeAt[0]);
  }
}
