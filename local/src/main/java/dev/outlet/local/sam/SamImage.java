package dev.outlet.local.sam;

import java.util.List;

/**
 * A {@code PackageType: Image} function's image and its {@code ImageConfig}.
 *
 * @param uri a registry URI ({@code HOST/REPOSITORY:TAG} or {@code @sha256:...}) as written, or,
 *     when {@code local}, an image on this machine: an OCI layout folder or an image tarball,
 *     absolute, optionally {@code :TAG}
 * @param local whether {@code uri} is a path on this machine
 * @param entryPoint {@code ImageConfig.EntryPoint}, or null
 * @param command {@code ImageConfig.Command}, or null
 * @param workingDirectory {@code ImageConfig.WorkingDirectory}, or null
 */
public record SamImage(
    String uri,
    boolean local,
    List<String> entryPoint,
    List<String> command,
    String workingDirectory) {
  public SamImage {
    entryPoint = entryPoint == null ? null : List.copyOf(entryPoint);
    command = command == null ? null : List.copyOf(command);
  }

  /** Whether the template sets any {@code ImageConfig} member. */
  public boolean configured() {
    return entryPoint != null || command != null || workingDirectory != null;
  }
}
