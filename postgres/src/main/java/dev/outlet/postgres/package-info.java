/**
 * The shared store of an Outlet cluster: the storage contracts of {@code dev.outlet.core} on
 * PostgreSQL, for nodes that share one database (issue 20), beside the embedded SQLite stores of
 * {@code dev.outlet.storage} that one machine uses.
 *
 * <p>{@link dev.outlet.postgres.PostgresUrl} reads the {@code --store} address; {@link
 * dev.outlet.postgres.PgDatabase} owns the connection pool and each component's schema version
 * (migrated under an advisory lock, so nodes starting together migrate once); each store is one
 * class over it ({@link dev.outlet.postgres.PgFunctionRepository}).
 *
 * <p>Every call blocks on the network: callers run it off event loops. Faults of the database are
 * {@link dev.outlet.storage.StorageException}s; caller errors are {@link
 * dev.outlet.core.LambdaException}s, as in the SQLite stores.
 */
package dev.outlet.postgres;
