/**
 * The one durable writer: {@link dev.outlet.core.writer.DurableWriter}, a platform thread that owns
 * a store's write resource and commits what many threads append in groups (logs.db, metrics.db,
 * invocations.db).
 *
 * <p>Owns the queue between appenders and the writer thread, and that thread's loop: group commit,
 * linger, tasks, flush, failure handling, close. What a batch means (SQL, aggregates) belongs to
 * the {@link dev.outlet.core.writer.BatchSink} each store supplies. Must not import storage
 * libraries: the sink does.
 */
package dev.outlet.core.writer;
