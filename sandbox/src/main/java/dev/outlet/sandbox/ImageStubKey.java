package dev.outlet.sandbox;

import dev.outlet.core.LaunchPlan;
import java.nio.file.Path;

/**
 * What the bubblewrap line of a container-image function's sandbox depends on ({@link ImageRoot}),
 * and so which {@link LaunchStubs launch stubs} can serve it: stubs are made for one key. The rest
 * of the line (bubblewrap, the user database, the host's tools, whether sandboxes have networks of
 * their own) is the same for every sandbox of one launcher.
 *
 * @param rootfs the image's unpacked root filesystem, absolute
 * @param ephemeralMb the size of its /tmp
 * @param workdir where it starts ({@code --chdir}): the image's WorkingDirectory, else /var/task
 */
record ImageStubKey(Path rootfs, int ephemeralMb, String workdir) {
  /** The key of {@code plan} (an image's) with a /tmp of {@code ephemeralMb}. */
  static ImageStubKey of(LaunchPlan plan, int ephemeralMb) {
    return new ImageStubKey(
        plan.rootfs().toAbsolutePath(),
        ephemeralMb,
        plan.workingDirectory() == null ? LaunchPlan.TASK_ROOT : plan.workingDirectory());
  }

  /** The key of an image function's sandbox. */
  static ImageStubKey of(SandboxSpec spec) {
    return of(spec.launch(), spec.ephemeralStorage());
  }
}
