package dev.outlet.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether an address to listen on reaches this machine only. */
final class Loopback {
  private Loopback() {}

  static boolean is(String host) {
    if (host.equals("localhost")) {
      return true;
    }
    try {
      // a literal address is parsed, never looked up; a name is resolved like the listener would
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
