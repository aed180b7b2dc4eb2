package dev.outlet.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The EventBridge "Scheduled Event" a rule sends its Lambda targets. Pure. */
public final class ScheduledEvent {
  private ScheduledEvent() {}

  public static String ruleArn(String region, String account, String rule) {
    return "arn:aws:events:" + region + ":" + account + ":rule/" + rule;
  }

  /** The event for a firing at {@code time} (UTC, whole seconds, as AWS prints it). */
  public static byte[] payload(String region, String account, String rule, Instant time) {
    String json =
        "{\"version\":\"0\",\"id\":\""
            + UUID.randomUUID()
            + "\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"account\":\""
            + account
            + "\",\"time\":\""
            + DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS))
            + "\",\"region\":\""
            + region
            + "\",\"resources\":[\""
            + ruleArn(region, account, rule)
            + "\"],\"detail\":{}}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
