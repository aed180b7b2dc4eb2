package dev.outlet.server.testkit;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SDK v2 {@code SqsClient} as a user builds it for an endpoint: no retries, long timeouts. */
public final class SqsClients {
  private SqsClients() {}

  public static SqsClient of(String endpoint) {
    return SqsClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
        .overrideConfiguration(
            c ->
                c.apiCallTimeout(Duration.ofSeconds(60))
                    .retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
