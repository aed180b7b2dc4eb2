package dev.outlet.core;

import java.util.List;

/**
 * A function's {@code ImageConfig} as the user set it (AWS's member names): each set member
 * replaces the image's own {@code ENTRYPOINT}, {@code CMD} or {@code WORKDIR}. A null member is not
 * set.
 */
public record ImageSettings(
    List<String> entryPoint, List<String> command, String workingDirectory) {

  /** No ImageConfig: the image's config decides. */
  public static final ImageSettings NONE = new ImageSettings(null, null, null);

  public ImageSettings {
    entryPoint = entryPoint == null ? null : List.copyOf(entryPoint);
    command = command == null ? null : List.copyOf(command);
  }

  /** Whether no member is set. */
  public boolean empty() {
    return entryPoint == null && command == null && workingDirectory == null;
  }
}
