package dev.outlet.cloudwatch;

import dev.outlet.telemetry.LogStore;
import java.util.List;

/**
 * PutRetentionPolicy: keep a group's events {@code retentionInDays} days, one of AWS's values; the
 * store deletes older events in the background.
 */
final class PutRetentionPolicy implements LogsOperation<PutRetentionPolicy.Request, Empty> {

  /** The values CloudWatch accepts, in AWS's order (its message lists them). */
  static final List<Long> DAYS =
      List.of(
          1L, 3L, 5L, 7L, 14L, 30L, 60L, 90L, 120L, 150L, 180L, 365L, 400L, 545L, 731L, 1096L,
          1827L, 2192L, 2557L, 2922L, 3288L, 3653L);

  /** PutRetentionPolicy's request: the group by name or identifier, and the days. */
  record Request(String logGroupName, String logGroupIdentifier, Long retentionInDays)
      implements LogsInput {
    @Override
    public void validate() {
      group();
      if (retentionInDays == null) {
        throw LogsValidation.invalidValue(
            null, "retentionInDays", "Member must satisfy enum value set: " + DAYS);
      }
      LogsValidation.oneOf(retentionInDays, "retentionInDays", DAYS);
    }

    String group() {
      return LogsValidation.group(logGroupName, logGroupIdentifier);
    }
  }

  private final LogStore store;

  PutRetentionPolicy(LogStore store) {
    this.store = store;
  }

  @Override
  public Empty handle(Request req, Scope scope) {
    if (!store.setRetention(req.group(), req.retentionInDays().intValue())) {
      throw LogsException.groupNotFound();
    }
    return Empty.INSTANCE;
  }
}
