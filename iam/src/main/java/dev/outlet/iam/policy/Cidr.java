package dev.outlet.iam.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether an address lies in a CIDR block ({@code 203.0.113.0/24}, {@code 2001:db8::/32}). */
final class Cidr {
  private Cidr() {}

  static boolean contains(String block, String address) {
    String[] parts = block.trim().split("/", 2);
    byte[] net = literal(parts[0]);
    byte[] ip = literal(address.trim());
    if (net.length != ip.length) {
      return false;
    }
    int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : net.length * 8;
    if (bits < 0 || bits > net.length * 8) {
      return false;
    }
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((net[i / 8] & mask) != (ip[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** An IP literal's bytes; never a name lookup. */
  private static byte[] literal(String s) {
    if (!s.matches("(\\d{1,3}\\.){3}\\d{1,3}|[0-9a-fA-F.]*:[0-9a-fA-F:.]*")) {
      throw new IllegalArgumentException("not an IP address: " + s);
    }
    try {
      return InetAddress.getByName(s).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + s, e);
    }
  }
}
