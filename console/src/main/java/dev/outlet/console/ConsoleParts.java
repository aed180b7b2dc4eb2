package dev.outlet.console;

import dev.outlet.invoke.SandboxPool;
import dev.outlet.metrics.MinuteStore;
import dev.outlet.telemetry.LogTail;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The region's parts the console reads.
 *
 * @param logGroup a function's log group (its LoggingConfig's, {@code /aws/lambda/NAME} by default)
 * @param eventTemplates the sample events as a JSON document {@code {"templates":[...]}}
 * @param runtimes the managed runtimes and whether this host serves each (may start probes: called
 *     on a virtual thread)
 */
public record ConsoleParts(
    SandboxPool pool,
    MinuteStore metrics,
    LogTail tail,
    Function<String, String> logGroup,
    Supplier<String> eventTemplates,
    Supplier<List<RuntimeRow>> runtimes) {

  /** One managed runtime: whether this host serves it, with what (or what to install). */
  public record RuntimeRow(String runtime, boolean available, String detail) {}
}
