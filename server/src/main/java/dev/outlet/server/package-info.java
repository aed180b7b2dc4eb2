/**
 * Outlet's entry point: the command line, configuration, wiring of every component with plain
 * constructors, and the start and stop order. The only module that sees every other.
 */
package dev.outlet.server;
