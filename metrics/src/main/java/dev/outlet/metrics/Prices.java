package dev.outlet.metrics;

/**
 * AWS Lambda's public on-demand prices, to estimate what an invocation would have cost on AWS.
 *
 * <p>Source: <a
 * href="https://aws.amazon.com/lambda/pricing/">https://aws.amazon.com/lambda/pricing/</a>, region
 * us-east-1 (N. Virginia), first pricing tier (the first 6 billion GB-s a month on x86_64, 7.5
 * billion on arm64), recorded on 2026-11-27. The free tier, Savings Plans, provisioned concurrency,
 * ephemeral storage above 512 MB and data transfer are not counted. Stateless.
 */
public final class Prices {
  /** USD per GB-second of billed duration, x86_64. */
  public static final double X86_64_PER_GB_SECOND = 0.0000166667;

  /** USD per GB-second of billed duration, arm64. */
  public static final double ARM64_PER_GB_SECOND = 0.0000133334;

  /** USD per request, both architectures ($0.20 per 1M requests). */
  public static final double PER_REQUEST = 0.20 / 1_000_000;

  private Prices() {}

  /** Billed GB-seconds: billed milliseconds / 1000 × memory MB / 1024. */
  public static double gbSeconds(long billedMillis, int memoryMb) {
    return billedMillis / 1000.0 * (memoryMb / 1024.0);
  }

  /** USD per GB-second for {@code architecture} ({@code arm64}, else x86_64 prices). */
  public static double perGbSecond(String architecture) {
    return "arm64".equals(architecture) ? ARM64_PER_GB_SECOND : X86_64_PER_GB_SECOND;
  }

  /** The estimated cost in USD of one invocation: its request plus its billed GB-seconds. */
  public static double cost(String architecture, long billedMillis, int memoryMb) {
    return PER_REQUEST + gbSeconds(billedMillis, memoryMb) * perGbSecond(architecture);
  }
}
