package dev.outlet.registry;

import io.vertx.core.http.HttpServerRequest;
import java.util.function.Consumer;

/**
 * Where the upload sessions of a cluster's registry live: each node keeps the sessions it opened
 * (their chunks stream into its disk), and names itself in their ids ({@code <tag>.<uuid>}), so a
 * request for a session another node opened (a load balancer spreads a push's requests over the
 * nodes) is relayed to that node as it arrives, body streamed.
 */
public interface UploadHomes {
  /**
   * What this node puts in front of the ids of the sessions it opens: no {@code '.'} or {@code
   * '/'}.
   */
  String tag();

  /**
   * Relays {@code req} (paused, its body unread) to the node {@code tag} names, and writes that
   * node's answer; false, with {@code req} untouched, when {@code tag} names no node of this
   * cluster. {@code failed} is called, before anything is written, when that node cannot be reached
   * or gives no answer.
   */
  boolean relay(HttpServerRequest req, String tag, Consumer<Throwable> failed);

  /** Whether {@code req} was relayed by a node (which then is not relayed again). */
  boolean relayed(HttpServerRequest req);
}
