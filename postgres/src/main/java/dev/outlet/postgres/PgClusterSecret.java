package dev.outlet.postgres;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;

/**
 * The cluster's secret: 32 random bytes, made by the first node that asks and read by every other,
 * with which the nodes sign what they send each other on their peer port. It is only as secret as
 * the database: whoever can read the database can run the cluster's functions anyway.
 */
public final class PgClusterSecret {
  static final String COMPONENT = "peer-secret";
  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE TABLE peer_secret (id INTEGER PRIMARY KEY CHECK (id = 1),"
                  + " secret TEXT NOT NULL)"));

  private PgClusterSecret() {}

  /** The secret of the cluster in {@code db}; the first caller of all makes it. */
  public static byte[] of(PgDatabase db) {
    db.migrate(COMPONENT, MIGRATIONS);
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    db.update(
        "INSERT INTO peer_secret (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
        Base64.getEncoder().encodeToString(fresh));
    String stored =
        db.single(
            c -> {
              try (PreparedStatement s = c.prepareStatement("SELECT secret FROM peer_secret");
                  ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
              }
            });
    if (stored == null) {
      throw new IllegalStateException("the cluster's secret vanished as it was made");
    }
    return Base64.getDecoder().decode(stored);
  }
}
