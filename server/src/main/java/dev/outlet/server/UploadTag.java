package dev.outlet.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * How a cluster node names itself in the ids of the registry upload sessions it opens: its API
 * address, then that address signed with the cluster's secret, both in URL-safe base64 (a path
 * segment, no {@code '.'}). A node relays a request for another node's session only to an address a
 * node of its cluster signed, so an id a client makes up sends nothing anywhere. Pure.
 *
 * @param key the cluster's secret
 */
record UploadTag(PeerWire.Key key) {
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

  /** The signature's length in the tag: 32 bytes of HMAC-SHA256 in unpadded base64. */
  private static final int SIGNATURE = 43;

  /** A tag longer than this names nothing (an address is a host and a port). */
  private static final int MAX = 400;

  /** The tag of the node whose API is at {@code address} ({@code host:port}). */
  String of(String address) {
    return URL.encodeToString(address.getBytes(StandardCharsets.UTF_8)) + signature(address);
  }

  /** The address {@code tag} names, or null when no node of this cluster made it. */
  String address(String tag) {
    if (tag == null || tag.length() <= SIGNATURE || tag.length() > MAX) {
      return null;
    }
    String address;
    try {
      address =
          new String(
              URL_DECODER.decode(tag.substring(0, tag.length() - SIGNATURE)),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    // the one tag this node would make for that address: no other spelling of it is accepted
    boolean good =
        MessageDigest.isEqual(
            of(address).getBytes(StandardCharsets.UTF_8), tag.getBytes(StandardCharsets.UTF_8));
    return good ? address : null;
  }

  private String signature(String address) {
    return URL.encodeToString(Base64.getDecoder().decode(key.sign("upload-home", address)));
  }
}
