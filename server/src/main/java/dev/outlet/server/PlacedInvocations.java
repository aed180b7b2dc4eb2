package dev.outlet.server;

import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import dev.outlet.core.Placement;
import dev.outlet.invoke.Invocations;
import dev.outlet.invoke.InvokeOutcome;
import dev.outlet.invoke.InvokeRequest;
import dev.outlet.invoke.SandboxPool;
import dev.outlet.sandbox.SandboxSpec;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A region's synchronous invocations in a cluster: each runs here or on the node {@link Placement}
 * chooses, forwarded in one hop on the peer port. A forward that could not be sent (the node is
 * gone), or that the node did not run (it does not know the version yet, or cannot run anything:
 * its database is out of reach, it is stopping) runs here instead; a throttle there is the
 * caller's; one that was sent and got no answer is AWS's {@code ServiceException} naming the node,
 * since it may have run in part. A streamed invocation is placed the same way: its bytes come
 * through the hop as the function writes them ({@link PeerStream}), and everything that makes it
 * run here instead comes before the first of them. On one node, or with no other node active, it is
 * the local invoker and nothing else.
 */
final class PlacedInvocations implements Invocations {
  /** Time beyond the function's timeout that a forwarded invocation may take: its cold start. */
  static final long MARGIN_MILLIS = dev.outlet.invoke.Invoker.INIT_LIMIT_MILLIS + 5_000;

  private final String region;
  private final String prefix;
  private final Invocations local;
  private final SandboxPool pool;
  private final ClusterView view;
  private final PeerClient client;
  private final InstantSource clock;

  /**
   * @param prefix how the nodes' loads name this region's functions: empty for the home region,
   *     else the region and a slash
   */
  PlacedInvocations(
      String region,
      String prefix,
      Invocations local,
      SandboxPool pool,
      ClusterView view,
      PeerClient client,
      InstantSource clock) {
    this.region = region;
    this.prefix = prefix;
    this.local = local;
    this.pool = pool;
    this.view = view;
    this.client = client;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<InvokeOutcome> invoke(SandboxSpec spec, InvokeRequest request) {
    ClusterView.Snapshot snapshot = view.snapshot();
    if (snapshot.alone()) {
      return local.invoke(spec, request);
    }
    SandboxPool.Here here = pool.here(spec);
    if (here.idle() > 0) {
      return local.invoke(spec, request);
    }
    String function = prefix + spec.functionName();
    Placement.Choice choice =
        Placement.place(
            function,
            spec.version(),
            new Placement.Self(
                snapshot.self(), here.idle(), here.live(), here.running(), here.limit()),
            snapshot.nodes(),
            view,
            clock.instant());
    return switch (choice) {
      case Placement.Here h -> local.invoke(spec, request);
      case Placement.There there -> forward(there.node(), function, spec, request);
    };
  }

  private CompletableFuture<InvokeOutcome> forward(
      dev.outlet.core.NodeRegistry.Node node,
      String function,
      SandboxSpec spec,
      InvokeRequest request) {
    view.forwarded(node.id(), function);
    long timeout = spec.timeoutSeconds() * 1000L + MARGIN_MILLIS;
    return client
        .send(
            node.address(),
            new PeerWire.Call(region, spec.functionName(), spec.version(), request),
            timeout)
        .whenComplete((d, e) -> view.ended(node.id(), function))
        .thenCompose(
            delivery ->
                switch (delivery) {
                  case PeerClient.Answered(PeerWire.Ran ran) ->
                      CompletableFuture.completedFuture(ran.outcome());
                  case PeerClient.Answered(PeerWire.Refused refused)
                      when refused.error().code() == ErrorCode.SERVICE ->
                      here(spec, request); // the node cannot run it (its database, its stop)
                  case PeerClient.Answered(PeerWire.Refused refused) ->
                      CompletableFuture.failedFuture(refused.error());
                  case PeerClient.Answered(PeerWire.NotHere n) -> here(spec, request);
                  case PeerClient.NotSent n -> here(spec, request);
                  case PeerClient.Lost lost ->
                      CompletableFuture.failedFuture(
                          new LambdaException(
                              ErrorCode.SERVICE,
                              "The Outlet node that ran this invocation ("
                                  + node.id()
                                  + " at "
                                  + node.address()
                                  + ") stopped answering before it ended ("
                                  + lost.why()
                                  + "); the function may have run in part."));
                });
  }

  /** Runs here what could not run there: a throttle here is the caller's error, as it would be. */
  private CompletableFuture<InvokeOutcome> here(SandboxSpec spec, InvokeRequest request) {
    try {
      return local.invoke(spec, request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(
          e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e);
    }
  }
}
