/**
 * Outlet's embedded adapters: the content-addressed code store ({@link
 * dev.outlet.storage.ZipCodeStore}), the safe zip intake behind it, the inspection that decides
 * which executable a sandbox starts ({@link dev.outlet.storage.EntrypointInspector}) and the SQLite
 * function repository ({@link dev.outlet.storage.SqliteFunctionRepository}).
 *
 * <p>Owns everything under the data directory: {@code code/} (zips and their extracted trees) and
 * {@code outlet.db}. Nothing else writes there.
 *
 * <p>Every call here blocks on disk: callers run it off event loops. Must not import HTTP, Vert.x,
 * Netty or process-spawning code: this package knows files, zips and SQL, and speaks to the rest of
 * Outlet only through the ports in {@code dev.outlet.core} and {@link
 * dev.outlet.core.LambdaException} for caller errors.
 */
package dev.outlet.storage;
