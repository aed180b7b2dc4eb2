package dev.outlet.server;

/** How Outlet decides who may call it ({@code outlet serve --auth}). */
public enum AuthMode {
  /** Any request, signed or not, with any key: for one user on a loopback address. */
  OPEN,
  /** Every request signed (SigV4) with an access key of this data directory. */
  IAM;

  /** The mode named on the command line ({@code open}, {@code iam}); null when unknown. */
  static AuthMode parse(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "open" -> OPEN;
      case "iam" -> IAM;
      default -> null;
    };
  }
}
