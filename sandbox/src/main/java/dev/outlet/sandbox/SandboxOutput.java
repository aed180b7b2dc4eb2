package dev.outlet.sandbox;

import dev.outlet.core.Limits;
import dev.outlet.telemetry.PlatformLog;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a sandbox's lines go: the function's log stream (its {@link LogPump}), the tail of the
 * invocation being served, and the extensions subscribed through the Telemetry API (its {@link
 * TelemetryHub}). A platform line is made once in the function's log format and, while anything
 * listens, once in the Telemetry API's form. Until an invocation takes them, INIT_START and the
 * runtime's init output also go to an init tail, which that invocation's tail starts with.
 *
 * <p>Thread-safe: the pump and the hub have their own locks, and the init tail is taken at most
 * once. The pump is attached once, by the factory, before the sandbox is shared.
 */
final class SandboxOutput {
  private final PlatformLog platformLog;
  private final TelemetryHub telemetry;
  private final AtomicReference<TailBuffer> initTail =
      new AtomicReference<>(new TailBuffer(Limits.LOG_TAIL));
  private LogPump pump;

  /**
   * @param namespace the sandbox's network namespace (null when it shares Outlet's), where the
   *     subscribed extensions listen
   */
  SandboxOutput(PlatformLog platformLog, Supplier<NetNamespace> namespace) {
    this.platformLog = platformLog;
    this.telemetry = new TelemetryHub(namespace);
  }

  /** Attaches the runtime's log pump; INIT_START and the init output go to the init tail too. */
  void attach(LogPump pump) {
    this.pump = pump;
    pump.capture(initTail.get());
  }

  /** From now on the function's own lines go to the Telemetry API's subscribers too. */
  void tapTelemetry() {
    pump.tap(telemetry);
  }

  PlatformLog platformLog() {
    return platformLog;
  }

  TelemetryHub telemetry() {
    return telemetry;
  }

  /** Adds an extension's subscription, noted in the log as Lambda does. */
  void subscribed(TelemetryHub.Subscription s) {
    telemetry.subscribe(s);
    boolean logsApi = s.api() == TelemetryHub.Api.LOGS;
    platform(l -> l.subscription(s.extension(), java.util.List.copyOf(s.types()), logsApi));
  }

  /** Appends a platform line; null (a line the LoggingConfig leaves out) is ignored. */
  void log(String platformLine) {
    pump.platform(platformLine);
  }

  /** Appends the line {@code line} makes in the function's format, and its Telemetry API form. */
  void platform(Function<PlatformLog, String> line) {
    pump.platform(line.apply(platformLog));
    if (telemetry.listening()) {
      telemetry.platform(line.apply(PlatformLog.telemetry()));
    }
  }

  void whenDrained(Runnable action) {
    pump.whenDrained(action);
  }

  /**
   * {@code inv}'s event reached the runtime ({@code version}'s): its tail takes the init lines (if
   * no invocation took them yet) and the lines from now on, and the log its START line.
   */
  void delivered(Invocation inv, String version) {
    tailTo(inv);
    platform(l -> l.start(inv.requestId(), version));
  }

  /** {@code inv}'s tail takes the lines although its event never reached the runtime. */
  void undelivered(Invocation inv) {
    tailTo(inv);
  }

  private void tailTo(Invocation inv) {
    TailBuffer init = initTail.getAndSet(null);
    if (init != null && inv.tail() != null) {
      inv.tail().addAll(init);
    }
    pump.capture(inv.tail());
  }

  /** The invocation ended: its tail gets no more lines. */
  void detachTail() {
    pump.capture(null);
  }

  /** Init is over ({@code initNanos} long): the Telemetry API's subscribers are told. */
  void initOver(long initNanos) {
    if (telemetry.listening()) {
      telemetry.platform(PlatformLog.telemetry().initRuntimeDone("success"));
      double millis = initNanos / 1e6;
      telemetry.platform(PlatformLog.telemetry().initReport(millis, "init", "success", null));
    }
    telemetry.initOver();
  }

  /** The sandbox is stopping: the subscriptions end. */
  void close() {
    telemetry.close();
  }
}
