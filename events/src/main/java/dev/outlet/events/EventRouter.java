package dev.outlet.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.events.pattern.EventPattern;
import dev.outlet.events.pattern.InvalidEventPatternException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an event put on a bus to the targets of every enabled rule of that bus whose pattern it
 * matches, each target's input made by {@link TargetInput}, through the same {@link
 * RuleScheduler.TargetInvoker} the schedules use. Thread-safe: reads the store's snapshot; the
 * parsed patterns are cached by their text.
 */
final class EventRouter {
  private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);

  private final RuleStore store;
  private final RuleScheduler.TargetInvoker invoker;
  private final String region;
  private final String account;
  private final Map<String, EventPattern> patterns = new ConcurrentHashMap<>();

  EventRouter(RuleStore store, RuleScheduler.TargetInvoker invoker, String region, String account) {
    this.store = store;
    this.invoker = invoker;
    this.region = region;
    this.account = account;
  }

  /** Routes {@code event} on {@code bus}; returns how many targets it was sent to. */
  int route(String bus, JsonNode event) {
    int sent = 0;
    for (Rule rule : store.all()) {
      if (!rule.enabled() || rule.pattern() == null || !rule.bus().equals(bus)) {
        continue;
      }
      EventPattern pattern = pattern(rule.pattern());
      if (pattern == null || !pattern.matches(event)) {
        continue;
      }
      String arn = rule.arn(region, account);
      for (Rule.Target t : rule.targets()) {
        if (invoker.invoke(rule, t, TargetInput.render(t, event, rule.name(), arn))) {
          sent++;
        } else {
          LOG.warn(
              "rule {} on {}: target {} ({}) is not a function on Outlet",
              rule.name(),
              bus,
              t.id(),
              t.arn());
        }
      }
    }
    if (patterns.size() > 10_000) {
      patterns.clear(); // patterns of rules since changed or deleted
    }
    return sent;
  }

  private EventPattern pattern(String text) {
    EventPattern p = patterns.get(text);
    if (p == null) {
      try {
        p = EventPattern.parse(text);
      } catch (InvalidEventPatternException e) {
        return null; // stored before it was checked: matches nothing
      }
      patterns.put(text, p);
    }
    return p;
  }
}
