package dev.outlet.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compiled, immutable view of every HTTP API and Function URL that the data plane reads without
 * touching the database. Written only by the control planes ({@link ApisModel}, {@link
 * FunctionUrlsModel}) after the store committed; read by anyone, lock-free.
 */
public final class Catalog {

  /** A Lambda integration: the function, the payload format, the integration timeout. */
  public record Integration(String functionName, boolean v1, long timeoutMillis) {}

  /** What a route leads to. */
  public record Target(
      String routeKey,
      String resourcePath,
      Integration integration,
      Authorizer authorizer,
      boolean iam) {}

  /**
   * A stage: its variables, throttling buckets (null when not throttled) and where its access log
   * goes.
   */
  public record Stage(
      String name,
      Map<String, String> variables,
      TokenBucket defaultBucket,
      Map<String, TokenBucket> routeBuckets,
      String logGroup,
      String logFormat) {

    TokenBucket bucket(String routeKey) {
      TokenBucket b = routeBuckets.get(routeKey);
      return b != null ? b : defaultBucket;
    }
  }

  /** A compiled HTTP API. */
  public record Api(
      String apiId, CorsRules cors, RouteTable<Target> routes, Map<String, Stage> stages) {}

  /** A Function URL. */
  /**
   * A Function URL as the front serves it.
   *
   * @param streamed its invoke mode is {@code RESPONSE_STREAM}
   */
  public record Url(
      String urlId, String functionName, boolean iam, CorsRules cors, boolean streamed) {}

  private final ConcurrentHashMap<String, Api> apis = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Url> urls = new ConcurrentHashMap<>();

  public Optional<Api> api(String apiId) {
    return Optional.ofNullable(apis.get(apiId));
  }

  public Optional<Url> url(String urlId) {
    return Optional.ofNullable(urls.get(urlId));
  }

  void publish(Api api) {
    apis.put(api.apiId(), api);
  }

  void withdrawApi(String apiId) {
    apis.remove(apiId);
  }

  void publish(Url url) {
    urls.put(url.urlId(), url);
  }

  void withdrawUrl(String urlId) {
    urls.remove(urlId);
  }

  List<Url> urls() {
    return List.copyOf(urls.values());
  }
}
