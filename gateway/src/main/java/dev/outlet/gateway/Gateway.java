package dev.outlet.gateway;

import dev.outlet.api.FunctionRegistry;
import dev.outlet.core.Account;
import dev.outlet.core.DefinitionStore;
import dev.outlet.core.LogSink;
import dev.outlet.edge.RequestVerifier;
import dev.outlet.edge.Service;
import dev.outlet.invoke.Invocations;
import java.util.List;

/**
 * The HTTP front, wired: loads every definition of its store (which it then owns) into the {@link
 * Catalog}, follows the other nodes' writes to it in a cluster, and offers the data plane and the
 * two control planes (services on the AWS edge). Deleting a function deletes its Function URL
 * (through the registry's removal hook). Close it after the HTTP listeners stopped.
 */
public final class Gateway implements AutoCloseable {
  private final DefinitionStore store;
  private final Service apis;
  private final Service urls;
  private final FrontDoor front;

  private Gateway(DefinitionStore store, Service apis, Service urls, FrontDoor front) {
    this.store = store;
    this.apis = apis;
    this.urls = urls;
    this.front = front;
  }

  /**
   * @param store the region's definitions ({@code gateway.db} on one machine)
   * @param verifier checks the signatures of {@code AWS_IAM} Function URLs and routes
   * @param policies decides whether their verified callers may invoke them
   * @param httpBase the scheme, host and port the front answers on, e.g. {@code
   *     http://localhost:9070} (URLs shown to users are built from it)
   */
  public static Gateway open(
      DefinitionStore store,
      FunctionRegistry registry,
      Invocations invoker,
      Account account,
      LogSink logs,
      String scheme,
      int port,
      RequestVerifier verifier,
      dev.outlet.edge.Authorizer policies) {
    Catalog catalog = new Catalog();
    ApisModel apis = new ApisModel(store, catalog, account.id(), System::nanoTime);
    FunctionUrlsModel urls = new FunctionUrlsModel(store, catalog, registry);
    try {
      List<DefinitionStore.Doc> docs = store.loadAll();
      apis.load(docs);
      urls.load(docs);
      store.onChanged(
          () -> {
            apis.reload();
            urls.reload();
          });
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    registry.onRemoved(urls::functionDeleted);
    String suffix = ".localhost:" + port;
    return new Gateway(
        store,
        ApisService.create(apis, id -> scheme + "://" + id + ".execute-api" + suffix),
        FunctionUrlsService.create(
            urls,
            account,
            id -> scheme + "://" + id + ".lambda-url." + account.region() + suffix + "/"),
        new FrontDoor(
            catalog, registry, invoker, account, logs, System::nanoTime, verifier, policies));
  }

  /** The apigatewayv2 control plane ({@code /v2/apis...}). */
  public Service apis() {
    return apis;
  }

  /** The Function URL control plane ({@code /2021-10-31/functions/{fn}/url(s)}). */
  public Service functionUrls() {
    return urls;
  }

  /** The data plane (Function URLs and HTTP APIs). */
  public FrontDoor front() {
    return front;
  }

  @Override
  public void close() {
    store.close();
  }
}
