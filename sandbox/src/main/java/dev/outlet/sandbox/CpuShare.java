package dev.outlet.sandbox;

/**
 * Lambda's CPU allocation: proportional to memory, one full vCPU at 1,769 MB, up to 6 vCPUs. Pure.
 */
public final class CpuShare {
  public static final int PERIOD_MICROS = 100_000;
  private static final double MB_PER_VCPU = 1769.0;

  private CpuShare() {}

  /** The vCPUs a function of {@code memoryMb} gets. */
  public static double vcpus(int memoryMb) {
    return Math.min(6.0, memoryMb / MB_PER_VCPU);
  }

  /** The CFS quota per {@link #PERIOD_MICROS}, in microseconds (at least 1 ms). */
  public static long quotaMicros(int memoryMb) {
    return Math.max(1000, Math.round(vcpus(memoryMb) * PERIOD_MICROS));
  }
}
