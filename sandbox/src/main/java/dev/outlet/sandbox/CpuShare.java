package dev.outlet.sandbox;

/**
 * Lambda's CPU allocation: proportional to memory, one full vCPU at 1,769 MB, up to 6 vCPUs; and,
 * as Lambda does for the init phase ("up to 10 seconds for function initialization with burst
 * CPU"), at least {@link #INIT_VCPUS} until the runtime first asks for work. Without the burst a
 * 128 MB function's 7 % of a core stretches a 15 ms start into several CFS periods. Pure.
 */
public final class CpuShare {
  public static final int PERIOD_MICROS = 100_000;
  private static final double MB_PER_VCPU = 1769.0;
  static final double INIT_VCPUS = 2.0;

  private CpuShare() {}

  /** The vCPUs a function of {@code memoryMb} gets. */
  public static double vcpus(int memoryMb) {
    return Math.min(6.0, memoryMb / MB_PER_VCPU);
  }

  /** The CFS quota per {@link #PERIOD_MICROS} during init, in microseconds. */
  public static long initQuotaMicros(int memoryMb) {
    return Math.max(quotaMicros(memoryMb), Math.round(INIT_VCPUS * PERIOD_MICROS));
  }

  /** The CFS quota per {@link #PERIOD_MICROS}, in microseconds (at least 1 ms). */
  public static long quotaMicros(int memoryMb) {
    return Math.max(1000, Math.round(vcpus(memoryMb) * PERIOD_MICROS));
  }
}
