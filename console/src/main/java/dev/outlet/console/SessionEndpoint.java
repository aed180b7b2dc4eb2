package dev.outlet.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.console.Sessions.Session;
import dev.outlet.edge.CappedBody;
import dev.outlet.edge.SigV4;
import dev.outlet.edge.SigningKeys.SigningKey;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code /_outlet/console/api/session}: GET tells the page who is signed in (in open mode it opens
 * a session, as the account's root); POST signs in with an access key (its secret checked against
 * the server's keys, never stored in the session); DELETE signs out.
 */
final class SessionEndpoint {
  private static final int MAX_BODY = 4096;

  /** What the page learns of its session. */
  record View(
      String mode,
      boolean signedIn,
      String principal,
      String csrf,
      String region,
      String accountId,
      String endpoint) {}

  private final ConsoleSettings settings;
  private final Sessions sessions;

  SessionEndpoint(ConsoleSettings settings, Sessions sessions) {
    this.settings = settings;
    this.sessions = sessions;
  }

  void handle(HttpServerRequest req, String cookie) {
    HttpServerResponse res = req.response();
    Optional<Session> current = sessions.find(cookie);
    HttpMethod m = req.method();
    if (m == HttpMethod.GET) {
      Session s = current.orElse(null);
      if (s == null && !settings.iam()) {
        s = sessions.open(null, null);
        setCookie(req, s.id());
      }
      Replies.json(res, 200, view(s));
    } else if (m == HttpMethod.POST) {
      CappedBody.collect(
          req,
          MAX_BODY,
          body -> signIn(req, body.getBytes()),
          () -> Replies.error(res, 413, "RequestTooLarge", "The sign-in request is too large."));
    } else if (m == HttpMethod.DELETE) {
      String csrf = req.getHeader(ConsoleHttp.CSRF_HEADER);
      if (current.isEmpty() || csrf == null || !SigV4.same(current.get().csrf(), csrf)) {
        Replies.error(
            res, 403, "InvalidCsrfToken", "The request has no valid X-Outlet-Csrf header.");
        return;
      }
      sessions.close(current.get().id());
      req.response().addCookie(ConsoleHttp.sessionCookie("", req.isSSL(), 0));
      res.setStatusCode(204).end();
    } else {
      Replies.error(res, 405, "MethodNotAllowed", "GET, POST or DELETE.");
    }
  }

  /** A sign-in request's key id and secret, or why it is not one. */
  sealed interface SignIn {
    record Key(String accessKeyId, String secret) implements SignIn {
      @Override
      public String toString() {
        return "Key[" + accessKeyId + "]"; // never the secret
      }
    }

    record Invalid(String message) implements SignIn {}
  }

  /** Reads a sign-in body; pure, never throws (the body comes from the network). */
  static SignIn parse(byte[] body) {
    JsonNode n;
    try {
      n = Replies.JSON.readTree(body);
    } catch (IOException e) {
      return new SignIn.Invalid("The sign-in request is not JSON.");
    }
    String id = n == null || !n.isObject() ? null : text(n.get("accessKeyId"));
    String secret = n == null || !n.isObject() ? null : text(n.get("secretAccessKey"));
    if (id == null || secret == null || id.isBlank() || secret.isBlank()) {
      return new SignIn.Invalid("Give an access key ID and its secret access key.");
    }
    return new SignIn.Key(id.strip(), secret.strip());
  }

  private static String text(JsonNode v) {
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private void signIn(HttpServerRequest req, byte[] body) {
    HttpServerResponse res = req.response();
    String id;
    String secret;
    switch (parse(body)) {
      case SignIn.Invalid bad -> {
        Replies.error(res, 400, "ValidationException", bad.message());
        return;
      }
      case SignIn.Key k -> {
        id = k.accessKeyId();
        secret = k.secret();
      }
    }
    Optional<SigningKey> key = settings.keys().find(id);
    if (key.isEmpty() || !SigV4.same(key.get().secret(), secret)) {
      Replies.error(
          res,
          401,
          "InvalidClientTokenId",
          "The access key ID or the secret access key is not valid, or the key is inactive.");
      return;
    }
    Session s = sessions.open(key.get().accessKeyId(), key.get().principalArn());
    setCookie(req, s.id());
    Replies.json(res, 200, view(s));
  }

  private void setCookie(HttpServerRequest req, String id) {
    req.response()
        .addCookie(ConsoleHttp.sessionCookie(id, req.isSSL(), Sessions.MAX_AGE.toSeconds()));
  }

  private View view(Session s) {
    boolean signedIn = s != null;
    String principal =
        !signedIn
            ? null
            : s.principalArn() != null
                ? s.principalArn()
                : "arn:aws:iam::" + settings.accountId() + ":root";
    return new View(
        settings.iam() ? "iam" : "open",
        signedIn,
        principal,
        signedIn ? s.csrf() : null,
        settings.region(),
        settings.accountId(),
        settings.endpoint());
  }
}
