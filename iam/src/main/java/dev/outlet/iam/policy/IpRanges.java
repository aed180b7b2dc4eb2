package dev.outlet.iam.policy;

/**
 * {@code IpAddress} and {@code NotIpAddress}: whether an address falls in a CIDR range (IPv4 or
 * IPv6; a bare address is a range of one). Parsed by hand rather than with {@code InetAddress}, so
 * that no string can ever send a decision to a name server.
 */
final class IpRanges {
  private IpRanges() {}

  /** Whether {@code address} lies in {@code cidr}; false when either does not parse. */
  static boolean contains(String cidr, String address) {
    int slash = cidr.indexOf('/');
    byte[] network = parse(slash < 0 ? cidr : cidr.substring(0, slash));
    byte[] candidate = parse(address.trim());
    if (network == null || candidate == null || network.length != candidate.length) {
      return false;
    }
    int bits = network.length * 8;
    if (slash >= 0) {
      bits = prefix(cidr.substring(slash + 1), bits);
      if (bits < 0) {
        return false;
      }
    }
    for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
      int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
      if ((network[i] & mask) != (candidate[i] & mask)) {
        return false;
      }
    }
    return true;
  }

  private static int prefix(String text, int max) {
    if (text.isEmpty() || text.length() > 3) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= max ? value : -1;
  }

  /** Four bytes for IPv4, sixteen for IPv6, null for anything else. */
  static byte[] parse(String text) {
    return text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
  }

  private static byte[] ipv4(String text) {
    byte[] bytes = new byte[4];
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '.';
      if (c == '.') {
        if (digits == 0 || part == 4) {
          return null;
        }
        bytes[part++] = (byte) value;
        value = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9' && digits < 3) {
        value = value * 10 + (c - '0');
        digits++;
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? bytes : null;
  }

  private static byte[] ipv6(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] head = groups(gap < 0 ? text : text.substring(0, gap));
    int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2));
    if (head == null || tail == null) {
      return null;
    }
    int count = head.length + tail.length;
    if (gap < 0 ? count != 8 : count > 7) {
      return null;
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < head.length; i++) {
      bytes[2 * i] = (byte) (head[i] >> 8);
      bytes[2 * i + 1] = (byte) head[i];
    }
    for (int i = 0; i < tail.length; i++) {
      int at = 8 - tail.length + i;
      bytes[2 * at] = (byte) (tail[i] >> 8);
      bytes[2 * at + 1] = (byte) tail[i];
    }
    return bytes;
  }

  /** The 16-bit groups of one side of {@code ::}; a trailing dotted IPv4 counts as two. */
  private static int[] groups(String side) {
    if (side.isEmpty()) {
      return new int[0];
    }
    String[] parts = side.split(":", -1);
    int last = parts.length - 1;
    boolean dotted = parts[last].indexOf('.') >= 0;
    int[] out = new int[parts.length + (dotted ? 1 : 0)];
    for (int i = 0; i < parts.length; i++) {
      if (i == last && dotted) {
        byte[] v4 = ipv4(parts[i]);
        if (v4 == null) {
          return null;
        }
        out[i] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
        out[i + 1] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
      } else {
        int group = hexGroup(parts[i]);
        if (group < 0) {
          return null;
        }
        out[i] = group;
      }
    }
    return out;
  }

  private static int hexGroup(String part) {
    if (part.isEmpty() || part.length() > 4) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < part.length(); i++) {
      int digit = Character.digit(part.charAt(i), 16);
      if (digit < 0) {
        return -1;
      }
      value = (value << 4) | digit;
    }
    return value;
  }
}
