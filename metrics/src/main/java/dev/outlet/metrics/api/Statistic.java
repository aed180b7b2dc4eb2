package dev.outlet.metrics.api;

import dev.outlet.metrics.Aggregate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One requested statistic: SampleCount, Average, Sum, Minimum, Maximum, or a percentile {@code pNN}
 * / {@code pNN.NN} (an ExtendedStatistic). Immutable.
 *
 * @param name as the client wrote it, which is how the reply names it
 * @param quantile 0 to 1 for a percentile, else negative
 */
record Statistic(String name, double quantile) {
  private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(\\.\\d{1,10})?)");

  /** The statistic {@code name} stands for; empty when CloudWatch has none of that name. */
  static Optional<Statistic> parse(String name) {
    return switch (name) {
      case "SampleCount", "Average", "Sum", "Minimum", "Maximum" ->
          Optional.of(new Statistic(name, -1));
      default -> {
        Matcher m = PERCENTILE.matcher(name);
        double p = m.matches() ? Double.parseDouble(m.group(1)) : -1;
        yield p < 0 || p > 100 ? Optional.empty() : Optional.of(new Statistic(name, p / 100));
      }
    };
  }

  boolean percentile() {
    return quantile >= 0;
  }

  double of(Aggregate a) {
    return switch (name) {
      case "SampleCount" -> a.sampleCount();
      case "Average" -> a.average();
      case "Sum" -> a.sum();
      case "Minimum" -> a.minimum();
      case "Maximum" -> a.maximum();
      default -> a.percentile(quantile);
    };
  }
}
