package dev.outlet.invoke;

/**
 * How an invocation of a version or alias with provisioned concurrency was served: by one of its
 * provisioned sandboxes or spilled over to an on-demand one, and how many of its provisioned
 * sandboxes were busy with it.
 *
 * @param busy the provisioned sandboxes serving invocations once this one was lent
 * @param allocated the provisioned concurrency wanted for the spec
 */
public record ProvisionedUse(boolean provisioned, int busy, int allocated) {

  /** ProvisionedConcurrencyUtilization: busy provisioned sandboxes over those allocated. */
  public double utilization() {
    return allocated == 0 ? 0 : (double) busy / allocated;
  }
}
