package dev.outlet.events.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code {"cidr": "10.0.0.0/24"}} (or an IPv6 block such as {@code "2001:db8::/32"}): the value is
 * a string holding an IP address of the same family whose first {@code bits} bits are the block's.
 * A block without {@code /bits} is one address.
 *
 * @param block the block as written
 * @param network the block's address, 4 or 16 bytes
 * @param bits the prefix length
 */
record Cidr(String block, byte[] network, int bits) implements Matcher {
  /** Copies {@code network}. */
  Cidr {
    network = network.clone();
  }

  /** Parses {@code block}, refusing anything but an IPv4 or IPv6 address with an optional /bits. */
  static Cidr of(String block) {
    int slash = block.indexOf('/');
    String address = slash < 0 ? block : block.substring(0, slash);
    Optional<byte[]> parsed = IpAddresses.parse(address);
    if (parsed.isEmpty()) {
      throw new InvalidEventPatternException("Nonstandard IP address: " + block);
    }
    int max = parsed.get().length * 8;
    int bits = max;
    if (slash >= 0) {
      String suffix = block.substring(slash + 1);
      if (suffix.isEmpty() || suffix.length() > 3 || !suffix.chars().allMatch(Character::isDigit)) {
        throw new InvalidEventPatternException("Malformed CIDR, invalid prefix length: " + block);
      }
      bits = Integer.parseInt(suffix);
      if (bits > max) {
        throw new InvalidEventPatternException(
            "Malformed CIDR, prefix length over " + max + ": " + block);
      }
    }
    return new Cidr(block, parsed.get(), bits);
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public boolean matches(JsonNode value) {
    if (!value.isTextual()) {
      return false;
    }
    Optional<byte[]> ip = IpAddresses.parse(value.textValue());
    if (ip.isEmpty() || ip.get().length != network.length) {
      return false;
    }
    byte[] a = ip.get();
    int whole = bits / 8;
    for (int i = 0; i < whole; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (a[whole] & mask) == (network[whole] & mask);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && bits == c.bits && Arrays.equals(network, c.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + bits;
  }

  @Override
  public String toString() {
    return "Cidr[" + block + "]";
  }
}
