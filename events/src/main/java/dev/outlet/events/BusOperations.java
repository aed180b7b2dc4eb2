package dev.outlet.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.events.EventsRequests.CreateEventBusRequest;
import dev.outlet.events.EventsRequests.EventBusRequest;
import dev.outlet.events.EventsRequests.ListEventBusesRequest;
import dev.outlet.events.EventsRequests.PutEventsEntry;
import dev.outlet.events.EventsRequests.PutEventsRequest;
import dev.outlet.events.EventsRequests.TestEventPatternRequest;
import dev.outlet.events.EventsResponses.CreateEventBusResponse;
import dev.outlet.events.EventsResponses.Empty;
import dev.outlet.events.EventsResponses.EventBusView;
import dev.outlet.events.EventsResponses.ListEventBusesResponse;
import dev.outlet.events.EventsResponses.PutEventsResponse;
import dev.outlet.events.EventsResponses.PutEventsResultEntry;
import dev.outlet.events.EventsResponses.TestEventPatternResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * EventBridge's event buses and events: Create/Delete/Describe/ListEventBuses, PutEvents (each
 * entry made into the event EventBridge delivers and routed by {@link EventRouter}) and
 * TestEventPattern. Thread-safe; blocking.
 */
final class BusOperations {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RuleStore store;
  private final EventsOperations rules;
  private final EventRouter router;
  private final InstantSource clock;
  private final String account;

  BusOperations(
      RuleStore store,
      EventsOperations rules,
      EventRouter router,
      InstantSource clock,
      String account) {
    this.store = store;
    this.rules = rules;
    this.router = router;
    this.clock = clock;
    this.account = account;
  }

  CreateEventBusResponse createEventBus(CreateEventBusRequest in, String region) {
    if (in.name().equals(Rule.DEFAULT_BUS) || store.bus(in.name()).isPresent()) {
      throw exists(in.name());
    }
    try {
      store.createBus(in.name(), in.description(), clock.instant());
    } catch (dev.outlet.core.DefinitionStore.Exists madeElsewhere) { // by another node, just now
      throw exists(in.name());
    }
    return new CreateEventBusResponse(Rule.busArn(region, account, in.name()), in.description());
  }

  private static EventsException exists(String bus) {
    return new EventsException(
        "ResourceAlreadyExistsException", 400, "Event bus " + bus + " already exists.");
  }

  Empty deleteEventBus(EventBusRequest in, String region) {
    String bus = EventsValidation.busName(in.name());
    if (bus.equals(Rule.DEFAULT_BUS)) {
      throw EventsException.validation("Cannot delete event bus default.");
    }
    if (store.bus(bus).isPresent()) {
      store.deleteBus(bus);
    }
    return Empty.INSTANCE;
  }

  EventBusView describeEventBus(EventBusRequest in, String region) {
    return view(rules.bus(in.name()), region);
  }

  ListEventBusesResponse listEventBuses(ListEventBusesRequest in, String region) {
    String prefix = in.namePrefix() == null ? "" : in.namePrefix();
    List<EventBusView> out = new ArrayList<>();
    if (Rule.DEFAULT_BUS.startsWith(prefix)) {
      out.add(view(Rule.DEFAULT_BUS, region));
    }
    for (RuleStore.Bus b : store.buses()) {
      if (b.name().startsWith(prefix)) {
        out.add(view(b.name(), region));
      }
    }
    return new ListEventBusesResponse(out, null);
  }

  private EventBusView view(String bus, String region) {
    var stored = store.bus(bus);
    Double created = stored.map(b -> b.created().toEpochMilli() / 1000.0).orElse(null);
    return new EventBusView(
        bus,
        Rule.busArn(region, account, bus),
        stored.map(RuleStore.Bus::description).orElse(null),
        created,
        created);
  }

  PutEventsResponse putEvents(PutEventsRequest in, String region) {
    List<PutEventsResultEntry> results = new ArrayList<>();
    int failed = 0;
    for (PutEventsEntry e : in.entries()) {
      PutEventsResultEntry r = put(e, region);
      failed += r.errorCode() == null ? 0 : 1;
      results.add(r);
    }
    return new PutEventsResponse(failed, results);
  }

  private PutEventsResultEntry put(PutEventsEntry e, String region) {
    for (String[] required :
        new String[][] {
          {"Source", e.source()}, {"DetailType", e.detailType()}, {"Detail", e.detail()}
        }) {
      if (required[1] == null || required[1].isEmpty()) {
        return failure(
            "InvalidArgument",
            "Parameter "
                + required[0]
                + " is not valid. Reason: "
                + required[0]
                + " is a required argument.");
      }
    }
    JsonNode detail;
    try {
      detail = JSON.readTree(e.detail());
    } catch (JsonProcessingException | NumberFormatException x) {
      detail = null;
    }
    if (detail == null || !detail.isObject()) {
      return failure("MalformedDetail", "Detail is malformed.");
    }
    String bus;
    try {
      bus = rules.bus(e.eventBusName());
    } catch (EventsException x) {
      return failure("ResourceNotFoundException", x.getMessage());
    }
    Instant time =
        e.time() == null ? clock.instant() : Instant.ofEpochMilli((long) (e.time() * 1000));
    ObjectNode event =
        BusEvent.of(e.source(), e.detailType(), detail, e.resources(), time, region, account);
    String id = event.get("id").asText();
    router.route(bus, event);
    return new PutEventsResultEntry(id, null, null);
  }

  private static PutEventsResultEntry failure(String code, String message) {
    return new PutEventsResultEntry(null, code, message);
  }

  TestEventPatternResponse testEventPattern(TestEventPatternRequest in, String region) {
    var pattern = EventsValidation.pattern(in.eventPattern());
    JsonNode event;
    try {
      event = JSON.readTree(in.event());
    } catch (JsonProcessingException | NumberFormatException e) {
      event = null;
    }
    if (event == null || !event.isObject()) {
      throw EventsException.validation("Parameter Event is not valid.");
    }
    return new TestEventPatternResponse(pattern.matches(event));
  }
}
