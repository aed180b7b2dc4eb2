package dev.outlet.events;

import dev.outlet.api.Deployed;
import dev.outlet.api.FunctionRegistry;
import dev.outlet.core.DefinitionStore;
import dev.outlet.core.FunctionRef;
import dev.outlet.core.LambdaException;
import dev.outlet.core.ScheduleGate;
import dev.outlet.edge.Access;
import dev.outlet.edge.Authorizer;
import dev.outlet.edge.Caller;
import dev.outlet.edge.Service;
import dev.outlet.invoke.EventQueue;
import dev.outlet.invoke.InvokeRequest;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge as one part of a running Outlet: the rule store ({@code events.db}), the scheduler
 * ticking on Outlet's timer, the router of events put on buses, and its API as a service of the AWS
 * edge. Targets are invoked like an {@code Event} Invoke (retries included) through Outlet's {@link
 * EventQueue}. Close once, after the HTTP listener stopped.
 */
public final class Schedules implements AutoCloseable {
  private final RuleStore store;
  private final RuleScheduler scheduler;
  private final Service api;
  private final EventRouter router;
  private final FunctionRegistry registry;
  private final EventQueue events;
  private final QueueSender queues;
  private final String region;
  private final String account;

  private Schedules(
      RuleStore store,
      RuleScheduler scheduler,
      Service api,
      EventRouter router,
      FunctionRegistry registry,
      EventQueue events,
      QueueSender queues,
      String region,
      String account) {
    this.store = store;
    this.scheduler = scheduler;
    this.api = api;
    this.router = router;
    this.registry = registry;
    this.events = events;
    this.queues = queues;
    this.region = region;
    this.account = account;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);
  private static final Caller EVENTS = new Caller(null, "events.amazonaws.com");

  /**
   * @param definitions the region's EventBridge definitions ({@link RuleStore#DEFINITIONS}), which
   *     the schedules then own
   * @param gate which node fires a tick (in a cluster, the one leading the schedules)
   */
  public static Schedules start(
      DefinitionStore definitions,
      ScheduleGate gate,
      Path dataDir,
      ScheduledExecutorService timers,
      String region,
      String account,
      FunctionRegistry registry,
      EventQueue events,
      Authorizer authorizer,
      QueueSender queues) {
    RuleStore store = RuleStore.open(definitions, dataDir);
    InstantSource clock = InstantSource.system();
    RuleScheduler.TargetInvoker targets =
        (rule, target, payload) -> {
          if (target.arn().startsWith("arn:aws:sqs:")) {
            return queues.send(
                target.arn(),
                new String(payload, java.nio.charset.StandardCharsets.UTF_8),
                Map.of(),
                Map.of());
          }
          String name;
          try {
            name = FunctionRef.parse(target.arn()).name();
          } catch (LambdaException e) {
            return false;
          }
          if (registry.find(name).isEmpty()) {
            return false;
          }
          String ruleArn = rule.arn(region, account);
          if (authorizer.decide(
                  EVENTS,
                  new Access(
                      "lambda:InvokeFunction",
                      target.arn(),
                      Map.of("aws:SourceArn", ruleArn, "aws:SourceAccount", account)),
                  null)
              instanceof Authorizer.Verdict.Denied) {
            LOG.warn(
                "rule {}: EventBridge may not invoke {}: its function policy does not let"
                    + " events.amazonaws.com invoke it from {} (aws lambda add-permission"
                    + " --principal events.amazonaws.com --source-arn {} ...), as on AWS",
                rule.name(),
                target.arn(),
                ruleArn,
                ruleArn);
            return true; // delivered and refused, as AWS counts a FailedInvocation
          }
          // journaled before PutEvents answers or a schedule's fire counts as delivered
          events
              .accept(
                  name,
                  () -> registry.find(name).map(Deployed::spec),
                  new InvokeRequest(
                      UUID.randomUUID().toString(), payload, target.arn(), null, false),
                  Runnable::run)
              .join();
          return true;
        };
    RuleScheduler scheduler = new RuleScheduler(store, clock, region, account, targets, gate);
    scheduler.start(timers);
    EventsOperations rules = new EventsOperations(store, scheduler, clock, account);
    EventRouter router = new EventRouter(store, targets, region, account);
    Service api =
        EventsService.create(
            rules, new BusOperations(store, rules, router, clock, account), account);
    return new Schedules(store, scheduler, api, router, registry, events, queues, region, account);
  }

  public Service api() {
    return api;
  }

  /**
   * What sends the end of each asynchronous invocation to the destinations its event invoke
   * configuration in {@code settings} names (for {@link EventQueue#useOutcomes}).
   */
  public java.util.function.Function<
          dev.outlet.invoke.EventSettled, java.util.concurrent.CompletionStage<Void>>
      destinations(dev.outlet.api.FunctionSettings settings) {
    return new Destinations(
        settings, registry, events, router, queues, InstantSource.system(), region, account);
  }

  public RuleScheduler scheduler() {
    return scheduler;
  }

  @Override
  public void close() {
    scheduler.close();
    store.close();
  }
}
