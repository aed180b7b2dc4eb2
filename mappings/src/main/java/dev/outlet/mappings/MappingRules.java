package dev.outlet.mappings;

import dev.outlet.core.LambdaException;
import dev.outlet.events.pattern.EventPattern;
import dev.outlet.events.pattern.InvalidEventPatternException;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of a mapping's settings, with AWS's errors and messages: the ranges of the model
 * (ValidationException), then what Lambda refuses for an SQS queue
 * (InvalidParameterValueException). Pure.
 */
final class MappingRules {
  static final int DEFAULT_BATCH = 10;
  static final int MAX_BATCH = 10_000;
  static final int MAX_WINDOW = 300;
  static final int MAX_FILTERS = 5;
  static final int MAX_PATTERN = 4096;

  /** The settings a request leaves a mapping with. */
  record Settings(
      int batchSize,
      int windowSeconds,
      List<String> filters,
      boolean reportItemFailures,
      Integer maxConcurrency,
      boolean enabled) {}

  private MappingRules() {}

  /** The settings of a new mapping of queue {@code fifo} or not, from {@code in}. */
  static Settings create(MappingWire.Request in, boolean fifo) {
    return settle(in, new Settings(DEFAULT_BATCH, 0, List.of(), false, null, true), fifo);
  }

  /** The settings {@code in} leaves {@code old} with; members it leaves out stay. */
  static Settings update(MappingWire.Request in, Mapping old, boolean fifo) {
    return settle(
        in,
        new Settings(
            old.batchSize(),
            old.windowSeconds(),
            old.filters(),
            old.reportItemFailures(),
            old.maxConcurrency(),
            old.enabled()),
        fifo);
  }

  private static Settings settle(MappingWire.Request in, Settings old, boolean fifo) {
    refuseStreamMembers(in);
    if (in.batchSize() != null) {
      range(in.batchSize(), "batchSize", 1, MAX_BATCH);
    }
    if (in.maximumBatchingWindowInSeconds() != null) {
      range(in.maximumBatchingWindowInSeconds(), "maximumBatchingWindowInSeconds", 0, MAX_WINDOW);
    }
    Integer concurrency = old.maxConcurrency();
    if (in.scalingConfig() != null) {
      concurrency = in.scalingConfig().maximumConcurrency();
      if (concurrency != null) {
        range(concurrency, "scalingConfig.maximumConcurrency", 2, 1000);
      }
    }
    boolean report = old.reportItemFailures();
    if (in.functionResponseTypes() != null) {
      for (String t : in.functionResponseTypes()) {
        if (!"ReportBatchItemFailures".equals(t)) {
          throw LambdaException.validation(
              in.functionResponseTypes().toString(),
              "functionResponseTypes",
              "Member must satisfy constraint: [Member must satisfy enum value set:"
                  + " [ReportBatchItemFailures]]");
        }
      }
      report = !in.functionResponseTypes().isEmpty();
    }
    List<String> filters =
        in.filterCriteria() == null ? old.filters() : filters(in.filterCriteria());
    int batch = in.batchSize() != null ? in.batchSize() : old.batchSize();
    int window =
        in.maximumBatchingWindowInSeconds() != null
            ? in.maximumBatchingWindowInSeconds()
            : old.windowSeconds();
    if (fifo && batch > 10) {
      throw LambdaException.invalidParameter(
          "BatchSize must be between 1 and 10 for a FIFO queue; it is " + batch + ".");
    }
    if (fifo && window > 0) {
      throw LambdaException.invalidParameter(
          "MaximumBatchingWindowInSeconds is not supported for FIFO queues.");
    }
    if (batch > 10 && window == 0) {
      throw LambdaException.invalidParameter(
          "Maximum batch window in seconds must be greater than 0 if maximum batch size is"
              + " greater than 10");
    }
    boolean enabled = in.enabled() != null ? in.enabled() : old.enabled();
    return new Settings(batch, window, filters, report, concurrency, enabled);
  }

  private static void refuseStreamMembers(MappingWire.Request in) {
    refuse(in.startingPosition() != null, "StartingPosition");
    refuse(in.parallelizationFactor() != null, "ParallelizationFactor");
    refuse(in.maximumRetryAttempts() != null, "MaximumRetryAttempts");
    refuse(in.maximumRecordAgeInSeconds() != null, "MaximumRecordAgeInSeconds");
    refuse(in.bisectBatchOnFunctionError() != null, "BisectBatchOnFunctionError");
    refuse(in.tumblingWindowInSeconds() != null, "TumblingWindowInSeconds");
    refuse(in.topics() != null, "Topics");
  }

  private static void refuse(boolean present, String member) {
    if (present) {
      throw LambdaException.invalidParameter(
          "Unsupported " + member + " parameter for given event source: an SQS queue.");
    }
  }

  /** The patterns of {@code criteria}, each checked; an empty list clears the filters. */
  static List<String> filters(MappingWire.FilterCriteria criteria) {
    List<MappingWire.Filter> given = criteria.filters() == null ? List.of() : criteria.filters();
    if (given.size() > MAX_FILTERS) {
      throw LambdaException.validation(
          Integer.toString(given.size()),
          "filterCriteria.filters",
          "Member must have length less than or equal to " + MAX_FILTERS);
    }
    List<String> patterns = new ArrayList<>(given.size());
    for (int i = 0; i < given.size(); i++) {
      String p = given.get(i) == null ? null : given.get(i).pattern();
      if (p == null) {
        throw LambdaException.invalidParameter("Invalid filter pattern definition.");
      }
      if (p.length() > MAX_PATTERN) {
        throw LambdaException.validation(
            p,
            "filterCriteria.filters." + (i + 1) + ".member.pattern",
            "Member must have length less than or equal to " + MAX_PATTERN);
      }
      try {
        EventPattern.parse(p);
      } catch (InvalidEventPatternException e) {
        throw LambdaException.invalidParameter(
            "Invalid filter pattern definition. " + e.getMessage());
      }
      patterns.add(p);
    }
    return patterns;
  }

  private static void range(int value, String member, int min, int max) {
    if (value < min) {
      throw LambdaException.validation(
          Integer.toString(value),
          member,
          "Member must have value greater than or equal to " + min);
    }
    if (value > max) {
      throw LambdaException.validation(
          Integer.toString(value), member, "Member must have value less than or equal to " + max);
    }
  }

  /** The refusal of a queue whose visibility timeout is shorter than the function's timeout. */
  static void visibilityCoversTimeout(int visibility, int functionTimeout) {
    if (visibility < functionTimeout) {
      throw LambdaException.invalidParameter(
          "Queue visibility timeout: "
              + visibility
              + " seconds is less than Function timeout: "
              + functionTimeout
              + " seconds");
    }
  }
}
