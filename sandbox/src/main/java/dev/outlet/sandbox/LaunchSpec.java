package dev.outlet.sandbox;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a launcher needs to start one runtime process.
 *
 * @param scratch the sandbox's private writable folder (its {@code /tmp})
 * @param environment the complete environment of the process (nothing is inherited)
 */
public record LaunchSpec(SandboxSpec sandbox, Path scratch, Map<String, String> environment) {}
