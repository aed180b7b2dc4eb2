package dev.outlet.core;

/** This machine's name, as nodes of a cluster name themselves. */
public final class HostNames {
  private HostNames() {}

  /** The local host's name, or {@code fallback} when the resolver cannot tell it. */
  public static String local(String fallback) {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return fallback;
    }
  }
}
