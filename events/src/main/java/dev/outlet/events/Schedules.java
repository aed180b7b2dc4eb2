package dev.outlet.events;

import dev.outlet.api.Deployed;
import dev.outlet.api.FunctionRegistry;
import dev.outlet.core.FunctionRef;
import dev.outlet.core.LambdaException;
import dev.outlet.edge.Service;
import dev.outlet.invoke.EventQueue;
import dev.outlet.invoke.InvokeRequest;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Schedules as one part of a running Outlet: the rule store ({@code events.db}), the scheduler
 * ticking on Outlet's timer, and its API as a service of the AWS edge. Targets are invoked like an
 * {@code Event} Invoke (retries included) through Outlet's {@link EventQueue}. Close once, after
 * the HTTP listener stopped.
 */
public final class Schedules implements AutoCloseable {
  private final RuleStore store;
  private final RuleScheduler scheduler;
  private final Service api;

  private Schedules(RuleStore store, RuleScheduler scheduler, Service api) {
    this.store = store;
    this.scheduler = scheduler;
    this.api = api;
  }

  public static Schedules start(
      Path dataDir,
      ScheduledExecutorService timers,
      String region,
      String account,
      FunctionRegistry registry,
      EventQueue events) {
    RuleStore store = RuleStore.open(dataDir);
    InstantSource clock = InstantSource.system();
    RuleScheduler scheduler =
        new RuleScheduler(
            store,
            clock,
            region,
            account,
            (rule, target, payload) -> {
              String name;
              try {
                name = FunctionRef.parse(target.arn()).name();
              } catch (LambdaException e) {
                return false;
              }
              if (registry.find(name).isEmpty()) {
                return false;
              }
              events.submit(
                  () -> registry.find(name).map(Deployed::spec),
                  new InvokeRequest(
                      UUID.randomUUID().toString(), payload, target.arn(), null, false));
              return true;
            });
    scheduler.start(timers);
    Service api =
        EventsService.create(new EventsOperations(store, scheduler, clock, account), account);
    return new Schedules(store, scheduler, api);
  }

  public Service api() {
    return api;
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
