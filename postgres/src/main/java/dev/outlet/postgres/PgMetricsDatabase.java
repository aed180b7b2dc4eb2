package dev.outlet.postgres;

import dev.outlet.core.MetricsDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * A region's minute and hour aggregates in the PostgreSQL schema its other stores use. Each node
 * merges its own observations into rows of its own ({@code node} is in the key), so two nodes never
 * read, merge and write the same row; every query sums or merges the nodes' rows of a minute. Any
 * node's {@code GetMetricData}, {@code outlet stats} and console then show the cluster's figures, a
 * node's within its flush interval (5 s) of the invocation.
 *
 * <p>A node's name here is new at each start: a restarted node writes new rows beside its old ones,
 * which the sums count alike.
 */
public final class PgMetricsDatabase implements MetricsDatabase {
  static final String COMPONENT = "metrics";

  private static String table(String name, String time) {
    return """
        CREATE TABLE %s (
          function TEXT NOT NULL,
          version TEXT NOT NULL,
          metric TEXT NOT NULL,
          %s BIGINT NOT NULL,
          node TEXT NOT NULL,
          samples BIGINT NOT NULL,
          sum DOUBLE PRECISION NOT NULL,
          min DOUBLE PRECISION NOT NULL,
          max DOUBLE PRECISION NOT NULL,
          sketch BYTEA NOT NULL,
          PRIMARY KEY (function, version, metric, %s, node))"""
        .formatted(name, time, time);
  }

  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              table("metric_minutes", "minute"),
              "CREATE INDEX metric_minutes_by_minute ON metric_minutes (minute)",
              table("metric_hours", "hour"),
              "CREATE INDEX metric_hours_by_metric ON metric_hours (metric, hour)"));

  private final PostgresUrl url;
  private final String schema;
  private final String node = UUID.randomUUID().toString();

  private PgMetricsDatabase(PostgresUrl url, String schema) {
    this.url = url;
    this.schema = schema;
  }

  /**
   * The aggregates in {@code schema} of {@code url}'s database, its tables created or brought to
   * this code's version.
   *
   * @throws dev.outlet.storage.StorageException when the database cannot be reached or has a newer
   *     schema
   */
  public static PgMetricsDatabase open(PostgresUrl url, String schema) {
    PgDatabase.migrate(url, schema, COMPONENT, MIGRATIONS);
    return new PgMetricsDatabase(url, schema);
  }

  @Override
  public boolean perNode() {
    return true;
  }

  @Override
  public String node() {
    return node;
  }

  @Override
  public Connection open() throws SQLException {
    return PgDatabase.connect(url, schema);
  }

  @Override
  public String describe() {
    return url + " (schema " + schema + ")";
  }
}
