package dev.outlet.core;

/**
 * What differs in the log store's SQL between the engines it runs on. The statements are otherwise
 * the same: upserts ({@code ON CONFLICT}), row-value comparisons and {@code LIMIT} read alike in
 * both.
 */
public enum LogDialect {
  /** The embedded default, a file per region ({@code logs.db}). */
  SQLITE("min", "max", true),
  /** A database the nodes of a cluster share. */
  POSTGRESQL("least", "greatest", false);

  private final String least;
  private final String greatest;
  private final boolean takesNul;

  LogDialect(String least, String greatest, boolean takesNul) {
    this.least = least;
    this.greatest = greatest;
    this.takesNul = takesNul;
  }

  /** The scalar function of the smaller of two values ({@code min} in SQLite). */
  public String least() {
    return least;
  }

  /** The scalar function of the larger of two values ({@code max} in SQLite). */
  public String greatest() {
    return greatest;
  }

  /**
   * {@code message} as this engine stores it: PostgreSQL's text cannot hold U+0000, which a
   * function may print, so there it becomes U+FFFD (the character a decoder puts for what it cannot
   * read) rather than failing the whole batch.
   */
  public String storable(String message) {
    return takesNul || message.indexOf('\0') < 0 ? message : message.replace('\0', '\uFFFD');
  }

  /** Whether deleting events is followed by giving the freed pages back (SQLite's files). */
  public boolean vacuumsAfterDelete() {
    return this == SQLITE;
  }
}
