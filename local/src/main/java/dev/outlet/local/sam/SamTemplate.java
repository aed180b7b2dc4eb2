package dev.outlet.local.sam;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What Outlet took from a SAM template. Immutable.
 *
 * @param stackName the stack name (names functions and APIs so a second deploy finds them)
 * @param file the template file
 * @param functions the {@code AWS::Serverless::Function} resources, in template order
 * @param httpApis the explicit {@code AWS::Serverless::HttpApi} resources' logical ids
 * @param queues the {@code AWS::SQS::Queue} resources, dead-letter queues before the queues that
 *     name them
 * @param warnings one line per property, resource or event Outlet ignores
 */
public record SamTemplate(
    String stackName,
    Path file,
    List<SamFunction> functions,
    List<String> httpApis,
    List<SamQueue> queues,
    List<String> warnings) {

  public SamTemplate {
    functions = List.copyOf(functions);
    httpApis = List.copyOf(httpApis);
    queues = List.copyOf(queues);
    warnings = List.copyOf(warnings);
  }

  /** A template without queues. */
  public SamTemplate(
      String stackName,
      Path file,
      List<SamFunction> functions,
      List<String> httpApis,
      List<String> warnings) {
    this(stackName, file, functions, httpApis, List.of(), warnings);
  }

  public Optional<SamFunction> function(String logicalId) {
    return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
  }
}
