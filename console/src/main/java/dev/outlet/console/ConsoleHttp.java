package dev.outlet.console;

import dev.outlet.console.Sessions.Session;
import dev.outlet.edge.Access;
import dev.outlet.edge.Authorizer;
import dev.outlet.edge.Caller;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;

/**
 * The console's one entry point: {@code GET /} for a browser (the page), and everything under
 * {@code /_outlet/console/}: the assets, the session, the signed AWS API proxy and the console's
 * own reads. Every request but the page, the assets and the session needs the session's cookie,
 * every state change its CSRF token ({@code X-Outlet-Csrf}), and every request a {@code Host} that
 * is this machine's (an IP literal, {@code localhost}, or the endpoint's host), so a page on
 * another site can neither call it nor read it through DNS rebinding. Thread-safe.
 */
public final class ConsoleHttp implements Handler<HttpServerRequest> {
  static final String PREFIX = "/_outlet/console/";
  static final String COOKIE = "outlet_console";
  static final String CSRF_HEADER = "X-Outlet-Csrf";

  private final ConsoleSettings settings;
  private final Sessions sessions;
  private final Assets assets;
  private final SessionEndpoint sessionEndpoint;
  private final AwsProxy proxy;
  private final Summaries summaries;
  private final TailStream tail;
  private final ConsoleParts parts;
  private final String endpointHost;
  private final ExecutorService blocking;

  /** {@code /api/runtimes}. */
  record Runtimes(java.util.List<ConsoleParts.RuntimeRow> runtimes) {}

  public ConsoleHttp(
      ConsoleSettings settings, ConsoleParts parts, ExecutorService blocking, InstantSource clock) {
    this.settings = settings;
    this.parts = parts;
    this.blocking = blocking;
    this.sessions = new Sessions(clock);
    this.assets = new Assets(settings.devAssets());
    this.sessionEndpoint = new SessionEndpoint(settings, sessions);
    this.proxy = new AwsProxy(settings, blocking, clock);
    this.summaries = new Summaries(parts.metrics(), clock);
    this.tail = new TailStream(parts.tail());
    this.endpointHost = URI.create(settings.endpoint()).getHost();
  }

  /**
   * Whether the request is the console's: a path under {@code /_outlet/console/}, or {@code GET /}
   * from a browser (it accepts {@code text/html} and is not signed: an AWS client is never sent the
   * page).
   */
  public static boolean accepts(HttpServerRequest req) {
    String path = req.path();
    if (path.length() > 1) {
      return path.charAt(1) == '_' && path.startsWith(PREFIX);
    }
    if (!"/".equals(path) || req.method() != HttpMethod.GET) {
      return false;
    }
    String accept = req.getHeader("Accept");
    return accept != null
        && accept.contains("text/html")
        && req.getHeader("Authorization") == null
        && req.getHeader("X-Amz-Target") == null;
  }

  @Override
  public void handle(HttpServerRequest req) {
    HttpServerResponse res = req.response();
    if (!localHost(req.authority() == null ? null : req.authority().host())) {
      Replies.error(
          res,
          403,
          "AccessDeniedException",
          "The console answers only requests addressed to this machine (an IP address,"
              + " localhost or "
              + endpointHost
              + ").");
      return;
    }
    String path = req.path();
    if ("/".equals(path)) {
      asset(req, "index.html");
      return;
    }
    String rest = path.substring(PREFIX.length());
    if (rest.startsWith("assets/")) {
      asset(req, rest.substring("assets/".length()));
      return;
    }
    if ("api/session".equals(rest)) {
      sessionEndpoint.handle(req, cookie(req));
      return;
    }
    Session session = sessions.find(cookie(req)).orElse(null);
    if (session == null) {
      Replies.error(
          res,
          401,
          "NotSignedIn",
          settings.iam() ? "Sign in with an access key." : "Open the console at / first.");
      return;
    }
    if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
      String csrf = req.getHeader(CSRF_HEADER);
      if (csrf == null || !dev.outlet.edge.SigV4.same(session.csrf(), csrf)) {
        Replies.error(
            res, 403, "InvalidCsrfToken", "The request has no valid " + CSRF_HEADER + " header.");
        return;
      }
    }
    if (rest.startsWith("aws/")) {
      proxy.handle(req, session, rest.substring("aws/".length()));
    } else if (req.method() != HttpMethod.GET) {
      Replies.error(res, 405, "MethodNotAllowed", "Only GET is allowed here.");
    } else {
      read(req, session, rest);
    }
  }

  private void read(HttpServerRequest req, Session session, String rest) {
    HttpServerResponse res = req.response();
    String function = req.getParam("function");
    switch (rest) {
      case "api/summary" -> {
        if (allowed(req, session, "cloudwatch:GetMetricData", "*")) {
          summaries.handle(req);
        }
      }
      case "api/sandboxes" -> {
        if (allowed(
            req,
            session,
            "lambda:GetFunction",
            function == null ? settings.functionArn("*") : settings.functionArn(function))) {
          Replies.json(res, 200, SandboxList.of(parts.pool().view(blankToNull(function))));
        }
      }
      case "api/tail" -> {
        if (function == null || function.isBlank()) {
          Replies.error(res, 400, "InvalidParameterException", "function is required.");
          return;
        }
        String group = parts.logGroup().apply(function);
        if (allowed(req, session, "logs:FilterLogEvents", settings.logGroupArn(group))) {
          tail.handle(req, group, req.getParam("filterPattern"));
        }
      }
      case "api/event-templates" -> Replies.rawJson(res, parts.eventTemplates().get());
      case "api/runtimes" -> {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        blocking.execute(
            () -> {
              var rows = new Runtimes(parts.runtimes().get());
              context.runOnContext(v -> Replies.json(res, 200, rows));
            });
      }
      default -> Replies.error(res, 404, "NotFound", "No console API at " + req.path() + ".");
    }
  }

  /** Whether the session's identity may do it; answers 403 with the policy's message if not. */
  private boolean allowed(HttpServerRequest req, Session s, String action, String resource) {
    Authorizer.Verdict v =
        settings
            .authorizer()
            .decide(
                new Caller(s.accessKeyId(), s.principalArn()),
                new Access(action, resource),
                req.remoteAddress() == null ? null : req.remoteAddress().hostAddress());
    if (v instanceof Authorizer.Verdict.Denied denied) {
      Replies.error(req.response(), 403, "AccessDeniedException", denied.message());
      return false;
    }
    return true;
  }

  private void asset(HttpServerRequest req, String name) {
    HttpServerResponse res = req.response();
    var found = assets.find(name);
    if (found.isEmpty()) {
      Replies.error(res, 404, "NotFound", "No console asset " + name + ".");
      return;
    }
    Assets.Asset a = found.get();
    res.putHeader("ETag", a.etag())
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer");
    if ("index.html".equals(name)) {
      res.putHeader(
              "Content-Security-Policy",
              "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'")
          .putHeader("X-Frame-Options", "DENY");
    }
    if (a.etag().equals(req.getHeader("If-None-Match"))) {
      res.setStatusCode(304).end();
      return;
    }
    res.putHeader("Content-Type", a.contentType()).end(a.bytes());
  }

  private boolean localHost(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    return h.equalsIgnoreCase("localhost")
        || h.toLowerCase(java.util.Locale.ROOT).endsWith(".localhost")
        || h.equalsIgnoreCase(endpointHost)
        || h.matches("[0-9.]+")
        || h.contains(":");
  }

  static String cookie(HttpServerRequest req) {
    Cookie c = req.getCookie(COOKIE);
    return c == null ? null : c.getValue();
  }

  static Cookie sessionCookie(String value, boolean secure, long maxAgeSeconds) {
    return Cookie.cookie(COOKIE, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSecure(secure)
        .setSameSite(CookieSameSite.STRICT)
        .setMaxAge(maxAgeSeconds);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
