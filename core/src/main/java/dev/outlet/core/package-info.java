/**
 * Outlet's domain: function records, the AWS error vocabulary, function-name parsing and the ports
 * that adapters implement ({@link dev.outlet.core.FunctionRepository}, {@link
 * dev.outlet.core.CodeStore}, {@link dev.outlet.core.LogSink}).
 *
 * <p>Owns no mutable state. Must not import HTTP, process or storage libraries: every other module
 * depends on this one, never the other way round.
 */
package dev.outlet.core;
