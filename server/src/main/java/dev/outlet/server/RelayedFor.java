package dev.outlet.server;

/**
 * The mark a node puts on a request it relays to the node that owns the queues: the caller's
 * address, signed with the cluster's secret together with what makes the request unique (its
 * method, target, {@code Authorization} and {@code X-Amz-Date}), so the owner checks policies on
 * {@code aws:SourceIp} against the caller's address, not the relaying node's, and a client cannot
 * claim an address by sending a mark of its own, nor move a mark to another request. Pure.
 *
 * @param key the cluster's secret
 */
record RelayedFor(PeerWire.Key key) {

  /** The mark of a request from {@code clientIp} (null: unknown) with these fields. */
  String mark(String clientIp, String method, String uri, String authorization, String amzDate) {
    String ip = clientIp == null ? "-" : clientIp;
    return ip + " " + key.sign("relayed-for", ip, method, uri, text(authorization), text(amzDate));
  }

  /** The caller's address {@code mark} vouches for, or null when it is not one this key made. */
  String verified(String mark, String method, String uri, String authorization, String amzDate) {
    int space = mark == null ? -1 : mark.lastIndexOf(' ');
    if (space <= 0 || mark.length() > 512) {
      return null;
    }
    String ip = mark.substring(0, space);
    boolean good =
        key.verify(
            mark.substring(space + 1),
            "relayed-for",
            ip,
            method,
            uri,
            text(authorization),
            text(amzDate));
    return good && !ip.equals("-") ? ip : null;
  }

  private static String text(String header) {
    return header == null ? "" : header;
  }
}
