package dev.outlet.events.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IP address literals parsed by hand, so that nothing ever asks a resolver: dotted-quad IPv4 and
 * IPv6 in its text forms ({@code ::} once, an IPv4 tail allowed).
 */
final class IpAddresses {
  private IpAddresses() {}

  /** {@code text}'s address bytes (4 or 16), or empty when it is not an IP address literal. */
  static Optional<byte[]> parse(String text) {
    if (text.length() > 45) {
      return Optional.empty();
    }
    return text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
  }

  private static Optional<byte[]> ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return Optional.empty();
      }
      out[i] = (byte) v;
    }
    return Optional.of(out);
  }

  private static Optional<byte[]> ipv6(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return Optional.empty();
    }
    List<Integer> head = new ArrayList<>();
    List<Integer> tail = new ArrayList<>();
    String before = gap < 0 ? text : text.substring(0, gap);
    String after = gap < 0 ? "" : text.substring(gap + 2);
    if (!groups(before, head, gap < 0) || !groups(after, tail, true)) {
      return Optional.empty();
    }
    int total = head.size() + tail.size();
    if (gap < 0 ? total != 8 : total > 7) {
      return Optional.empty();
    }
    byte[] out = new byte[16];
    for (int i = 0; i < head.size(); i++) {
      out[2 * i] = (byte) (head.get(i) >> 8);
      out[2 * i + 1] = (byte) (int) head.get(i);
    }
    int start = 8 - tail.size();
    for (int i = 0; i < tail.size(); i++) {
      out[2 * (start + i)] = (byte) (tail.get(i) >> 8);
      out[2 * (start + i) + 1] = (byte) (int) tail.get(i);
    }
    return Optional.of(out);
  }

  /** Adds the 16-bit groups of {@code part} to {@code out}; its last may be IPv4 if allowed. */
  private static boolean groups(String part, List<Integer> out, boolean ipv4TailAllowed) {
    if (part.isEmpty()) {
      return true;
    }
    String[] groups = part.split(":", -1);
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      if (i == groups.length - 1 && ipv4TailAllowed && g.indexOf('.') >= 0) {
        Optional<byte[]> v4 = ipv4(g);
        if (v4.isEmpty()) {
          return false;
        }
        byte[] b = v4.get();
        out.add(((b[0] & 0xFF) << 8) | (b[1] & 0xFF));
        out.add(((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
        continue;
      }
      if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(IpAddresses::hex)) {
        return false;
      }
      out.add(Integer.parseInt(g, 16));
    }
    return true;
  }

  private static boolean hex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
