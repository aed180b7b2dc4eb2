/**
 * Telemetry: the platform's log lines and the embedded log store. Depends on core only.
 *
 * <p>The log store is the single owner of its database file; writers hand events to its bounded
 * queue and never wait for disk.
 */
package dev.outlet.telemetry;
