package dev.outlet.server.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;

/**
 * Where a test serves what sandboxed functions must reach. A sandbox has a network of its own
 * (serve's default, {@code --sandbox-network egress}): it reaches other hosts, not the host's
 * loopback. So a test's server listens on an address of one of this host's other interfaces, which
 * stands for another host; loopback only where the host has none (then sandboxes reach no other
 * host either).
 */
public final class HostAddress {
  private HostAddress() {}

  /** An IPv4 address of an interface other than loopback, or null. */
  public static InetAddress nonLoopback() {
    try {
      for (NetworkInterface i : NetworkInterface.networkInterfaces().toList()) {
        if (i.isUp() && !i.isLoopback()) {
          for (InetAddress a : i.inetAddresses().toList()) {
            if (a instanceof Inet4Address) {
              return a;
            }
          }
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #nonLoopback}, else loopback. */
  public static InetAddress forSandboxes() {
    InetAddress a = nonLoopback();
    return a != null ? a : InetAddress.getLoopbackAddress();
  }
}
