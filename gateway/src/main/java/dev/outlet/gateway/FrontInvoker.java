package dev.outlet.gateway;

import dev.outlet.api.Deployed;
import dev.outlet.core.Account;
import dev.outlet.core.LambdaException;
import dev.outlet.invoke.Invocations;
import dev.outlet.invoke.InvokeOutcome;
import dev.outlet.invoke.InvokeRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the HTTP front invokes a function for a request: the invoked ARN named as the caller named
 * it, and an optional deadline kept by a timer of the request's own event loop. Stateless.
 */
final class FrontInvoker {
  private final Invocations invoker;
  private final Account account;

  FrontInvoker(Invocations invoker, Account account) {
    this.invoker = invoker;
    this.account = account;
  }

  /**
   * Invokes {@code d}, named {@code target} ("name" or "name:qualifier": the invoked ARN); with
   * {@code timeoutMillis > 0} the future fails with a TimeoutException past it.
   */
  CompletableFuture<InvokeOutcome> invoke(
      Deployed d, String target, String requestId, byte[] event, long timeoutMillis) {
    return invoke(d, target, requestId, event, timeoutMillis, null);
  }

  /** {@link #invoke} whose streamed response goes to {@code stream} as it comes (or null). */
  CompletableFuture<InvokeOutcome> invoke(
      Deployed d,
      String target,
      String requestId,
      byte[] event,
      long timeoutMillis,
      dev.outlet.sandbox.ResponseStream stream) {
    InvokeRequest ir =
        new InvokeRequest(requestId, event, account.functionArn(target), null, false, stream);
    CompletableFuture<InvokeOutcome> f;
    try {
      f = invoker.invoke(d.spec(), ir);
    } catch (LambdaException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (timeoutMillis <= 0) {
      return f;
    }
    io.vertx.core.Context loop = io.vertx.core.Vertx.currentContext();
    if (loop == null) {
      return f.copy().orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
    }
    // A timer of the request's own event loop: CompletableFuture.orTimeout would schedule (and
    // cancel) on a shared delay thread for every request, ~20 us of another thread's CPU each
    // (measured per thread, HTTP API at 1 connection).
    io.vertx.core.Vertx vertx = loop.owner();
    CompletableFuture<InvokeOutcome> timed = new CompletableFuture<>();
    long timer =
        vertx.setTimer(timeoutMillis, id -> timed.completeExceptionally(new TimeoutException()));
    f.whenComplete(
        (outcome, error) -> {
          vertx.cancelTimer(timer);
          if (error != null) {
            timed.completeExceptionally(error);
          } else {
            timed.complete(outcome);
          }
        });
    return timed;
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
