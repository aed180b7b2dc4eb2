package dev.outlet.postgres;

import dev.outlet.core.BlobStore;
import dev.outlet.storage.Sha256Streams;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

/**
 * A {@link BlobStore} in PostgreSQL's large objects, for nodes that share the database and no
 * folder: {@code blobs} maps each SHA-256 to its large object. A put streams into a new large
 * object and records it in one transaction, so a blob appears whole or not at all; a put of bytes
 * already stored drops its copy. A read holds its connection until the stream is closed.
 */
public final class PgBlobStore implements BlobStore {
  static final String COMPONENT = "blobs";
  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE TABLE blobs (digest TEXT PRIMARY KEY, oid OID NOT NULL,"
                  + " size BIGINT NOT NULL)"),
          // when each blob was last put, by the database's clock (blobs from before: long ago)
          List.of("ALTER TABLE blobs ADD COLUMN stored BIGINT NOT NULL DEFAULT 0"));

  /** The database's clock in milliseconds, so that the nodes' clocks never matter. */
  private static final String NOW = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

  private final PgDatabase db;

  private PgBlobStore(PgDatabase db) {
    this.db = db;
  }

  /** The store in {@code db}, its table created or migrated first. */
  public static PgBlobStore open(PgDatabase db) {
    db.migrate(COMPONENT, MIGRATIONS);
    return new PgBlobStore(db);
  }

  @Override
  public String put(InputStream in, long maxBytes) throws IOException {
    try {
      return db.transaction(
          c -> {
            LargeObjectManager lom = c.unwrap(PGConnection.class).getLargeObjectAPI();
            long oid = lom.createLO(LargeObjectManager.READWRITE);
            String sha256;
            long size;
            try (LargeObject lo = lom.open(oid, LargeObjectManager.WRITE);
                OutputStream out = lo.getOutputStream()) {
              sha256 = Sha256Streams.copy(in, out, maxBytes);
              out.flush();
              size = lo.size64();
            } catch (IOException e) {
              throw new UncheckedIOException(e); // rolls back: the large object goes with it
            }
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO blobs (digest, oid, size, stored) VALUES (?, ?, ?, "
                        + NOW
                        + ") ON CONFLICT (digest) DO UPDATE SET stored = excluded.stored"
                        + " RETURNING (xmax = 0)")) {
              s.setString(1, sha256);
              s.setLong(2, oid);
              s.setLong(3, size);
              try (ResultSet r = s.executeQuery()) {
                if (r.next() && !r.getBoolean(1)) {
                  lom.delete(oid); // stored already: only its time was renewed
                }
              }
            }
            return sha256;
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public InputStream open(String sha256) throws IOException {
    Connection c = null;
    try {
      c = db.borrow();
      c.setAutoCommit(false); // a large object is read inside a transaction
      long oid = oid(c, sha256);
      if (oid < 0) {
        throw new NoSuchFileException("blob " + sha256);
      }
      LargeObject lo =
          c.unwrap(PGConnection.class).getLargeObjectAPI().open(oid, LargeObjectManager.READ);
      Connection held = c;
      c = null;
      return Sha256Streams.checked(
          new FilterInputStream(lo.getInputStream()) {
            @Override
            public void close() throws IOException {
              try {
                super.close();
                lo.close();
                held.commit();
              } catch (SQLException e) {
                throw new IOException(e);
              } finally {
                try {
                  held.close();
                } catch (SQLException e) {
                  // returned to the pool or discarded by it
                }
              }
            }
          },
          sha256);
    } catch (SQLException e) {
      throw new IOException("cannot read blob " + sha256 + " from " + db.address(), e);
    } finally {
      if (c != null) {
        try {
          c.rollback();
          c.close();
        } catch (SQLException e) {
          // failing already
        }
      }
    }
  }

  @Override
  public boolean exists(String sha256) {
    return db.single(c -> oid(c, sha256) >= 0);
  }

  @Override
  public boolean touch(String sha256) {
    return db.update("UPDATE blobs SET stored = " + NOW + " WHERE digest = ?", sha256) > 0;
  }

  @Override
  public List<String> list() {
    return db.single(
        c -> {
          List<String> all = new java.util.ArrayList<>();
          try (PreparedStatement s = c.prepareStatement("SELECT digest FROM blobs");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              all.add(r.getString(1));
            }
          }
          return all;
        });
  }

  /** The row goes only if its time is old enough, in the same statement: a put meanwhile wins. */
  @Override
  public boolean deleteUnlessPutWithin(String sha256, java.time.Duration grace) {
    return deleteWhere(" AND stored <= " + NOW + " - ?", sha256, grace.toMillis());
  }

  @Override
  public boolean delete(String sha256) {
    return deleteWhere("", sha256);
  }

  /** Deletes blob {@code sha256}'s row when {@code condition} holds, and its large object. */
  private boolean deleteWhere(String condition, Object... parameters) {
    return db.transaction(
        c -> {
          long oid;
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM blobs WHERE digest = ?" + condition + " RETURNING oid")) {
            for (int i = 0; i < parameters.length; i++) {
              s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return false;
              }
              oid = r.getLong(1);
            }
          }
          c.unwrap(PGConnection.class).getLargeObjectAPI().delete(oid);
          return true;
        });
  }

  private static long oid(Connection c, String sha256) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT oid FROM blobs WHERE digest = ?")) {
      s.setString(1, sha256);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : -1;
      }
    }
  }

  /** The database belongs to whoever opened it. */
  @Override
  public void close() {}
}
