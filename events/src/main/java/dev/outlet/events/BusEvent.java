package dev.outlet.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The event EventBridge delivers for what is put on a bus, with a new id. Pure. */
final class BusEvent {
  static final ObjectMapper JSON = new ObjectMapper();

  private BusEvent() {}

  static ObjectNode of(
      String source,
      String detailType,
      JsonNode detail,
      List<String> resources,
      Instant time,
      String region,
      String account) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", detailType);
    event.put("source", source);
    event.put("account", account);
    event.put("time", DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS)));
    event.put("region", region);
    var list = event.putArray("resources");
    if (resources != null) {
      resources.forEach(list::add);
    }
    event.set("detail", detail);
    return event;
  }
}
