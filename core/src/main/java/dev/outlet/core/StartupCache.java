package dev.outlet.core;

import java.nio.file.Path;
import java.util.List;

/**
 * A file a recording run of a runtime's command makes and later starts reuse: a JVM's class-data
 * archive or AOT cache, made from one init of the function's own code. In {@code useArgs} and
 * {@code recordArgs}, {@code {cache}} stands for the file as the runtime sees it; both are inserted
 * after the command's first word. Immutable.
 *
 * @param file where the finished file is kept on the host (one per code, handler and command)
 * @param useArgs the options that start from the file
 * @param recordArgs the options that make it (written when the runtime exits)
 */
public record StartupCache(Path file, List<String> useArgs, List<String> recordArgs) {
  public static final String PLACEHOLDER = "{cache}";

  public StartupCache {
    useArgs = List.copyOf(useArgs);
    recordArgs = List.copyOf(recordArgs);
  }
}
