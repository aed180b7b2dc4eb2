package dev.outlet.postgres;

import dev.outlet.core.DefinitionStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@link DefinitionStore} on PostgreSQL: one {@code definitions} table for every store of the
 * kind, each store's rows marked by its name, kept in the order first written by a sequence.
 *
 * <p>Contract: a {@link #write} is one transaction that also notifies the other nodes ({@code
 * pg_notify}, sent only if it commits), marked with this opener's id so that it does not reload for
 * its own writes. The listener given to {@link #onChanged} runs on the change feed's thread after
 * another opener's write and after every reconnection of the feed.
 */
public final class PgDefinitions implements DefinitionStore {
  static final String COMPONENT = "definitions";

  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE TABLE definitions (store TEXT NOT NULL, kind TEXT NOT NULL,"
                  + " parent TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL,"
                  + " seq BIGSERIAL NOT NULL, PRIMARY KEY (store, kind, parent, id))"));

  private final PgDatabase db;
  private final PgChanges changes;
  private final String store;
  private final String origin = UUID.randomUUID().toString();

  private PgDefinitions(PgDatabase db, PgChanges changes, String store) {
    this.db = db;
    this.changes = changes;
    this.store = store;
  }

  /**
   * The store named {@code store} in {@code db}, whose other writers are heard on {@code changes}.
   */
  public static PgDefinitions open(PgDatabase db, PgChanges changes, String store) {
    db.migrate(COMPONENT, MIGRATIONS);
    return new PgDefinitions(db, changes, store);
  }

  @Override
  public List<Doc> loadAll() {
    return db.single(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT kind, parent, id, json FROM definitions WHERE store = ? ORDER BY seq")) {
            q.setString(1, store);
            try (ResultSet r = q.executeQuery()) {
              List<Doc> out = new ArrayList<>();
              while (r.next()) {
                out.add(new Doc(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
              }
              return out;
            }
          }
        });
  }

  @Override
  public void write(List<Change> changes) {
    db.transaction(
        c -> {
          try (PreparedStatement put =
                  c.prepareStatement(
                      "INSERT INTO definitions (store, kind, parent, id, json)"
                          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (store, kind, parent, id)"
                          + " DO UPDATE SET json = excluded.json");
              PreparedStatement create =
                  c.prepareStatement(
                      "INSERT INTO definitions (store, kind, parent, id, json)"
                          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (store, kind, parent, id)"
                          + " DO NOTHING");
              PreparedStatement del =
                  c.prepareStatement(
                      "DELETE FROM definitions"
                          + " WHERE store = ? AND kind = ? AND parent = ? AND id = ?")) {
            // consecutive puts, or deletes, go as one batch: one round trip each, in order; a
            // create runs alone, as its count says whether another writer made the document first
            PreparedStatement pending = null;
            for (Change ch : changes) {
              PreparedStatement s = ch.json() == null ? del : ch.fresh() ? create : put;
              if (pending != null && (pending != s || ch.fresh())) {
                pending.executeBatch();
                pending = null;
              }
              s.setString(1, store);
              s.setString(2, ch.kind());
              s.setString(3, ch.parent());
              s.setString(4, ch.id());
              if (ch.json() != null) {
                s.setString(5, ch.json());
              }
              if (ch.fresh()) {
                if (s.executeUpdate() == 0) {
                  throw new Exists(ch); // the transaction rolls back with it
                }
                continue;
              }
              s.addBatch();
              pending = s;
            }
            if (pending != null) {
              pending.executeBatch();
            }
          }
          try (PreparedStatement n = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            n.setString(1, db.channel(COMPONENT));
            n.setString(2, store + " " + origin);
            n.execute();
          }
          return null;
        });
  }

  @Override
  public void onChanged(Runnable reload) {
    String own = store + " " + origin;
    changes.follow(db.channel(COMPONENT), p -> p.startsWith(store + " ") && !p.equals(own), reload);
  }

  @Override
  public boolean shared() {
    return true;
  }

  /** The database and its change feed belong to whoever opened them. */
  @Override
  public void close() {}
}
