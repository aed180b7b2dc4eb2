package dev.outlet.gateway;

import dev.outlet.api.FunctionRegistry;
import dev.outlet.core.Account;
import dev.outlet.core.LogSink;
import dev.outlet.invoke.Invoker;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The HTTP front, wired: opens {@code gateway.db}, loads every definition into the {@link Catalog},
 * and offers the three handlers. Deleting a function deletes its Function URL (through the
 * registry's removal hook). Close it after the HTTP listeners stopped.
 */
public final class Gateway implements AutoCloseable {
  private final GatewayStore store;
  private final ApisApi apis;
  private final FunctionUrlsApi urls;
  private final FrontDoor front;

  private Gateway(GatewayStore store, ApisApi apis, FunctionUrlsApi urls, FrontDoor front) {
    this.store = store;
    this.apis = apis;
    this.urls = urls;
    this.front = front;
  }

  /**
   * @param httpBase the scheme, host and port the front answers on, e.g. {@code
   *     http://localhost:9070} (URLs shown to users are built from it)
   */
  public static Gateway open(
      Path dataDir,
      FunctionRegistry registry,
      Invoker invoker,
      Account account,
      LogSink logs,
      ExecutorService blocking,
      String scheme,
      int port) {
    GatewayStore store = GatewayStore.open(dataDir);
    Catalog catalog = new Catalog();
    ApisModel apis = new ApisModel(store, catalog, account.id(), System::nanoTime);
    FunctionUrlsModel urls = new FunctionUrlsModel(store, catalog, registry);
    List<GatewayStore.Doc> docs = store.loadAll();
    apis.load(docs);
    urls.load(docs);
    registry.onRemoved(urls::functionDeleted);
    String suffix = ".localhost:" + port;
    return new Gateway(
        store,
        new ApisApi(apis, blocking, id -> scheme + "://" + id + ".execute-api" + suffix),
        new FunctionUrlsApi(
            urls,
            blocking,
            account,
            id -> scheme + "://" + id + ".lambda-url." + account.region() + suffix + "/"),
        new FrontDoor(catalog, registry, invoker, account, logs, System::nanoTime));
  }

  /** The apigatewayv2 control plane ({@code /v2/apis...}). */
  public ApisApi apis() {
    return apis;
  }

  /** The Function URL control plane ({@code /2021-10-31/functions/{fn}/url(s)}). */
  public FunctionUrlsApi functionUrls() {
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
