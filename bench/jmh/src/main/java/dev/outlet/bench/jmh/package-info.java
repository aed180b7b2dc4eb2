/**
 * JMH micro-benchmarks of Outlet's pure hot-path pieces: request routing, REPORT formatting, pool
 * policy, request ids and the log tail buffer. A regression in one of them shows here without the
 * whole stack. Compiled by the normal build, run only by {@code bench/run --jmh} (never by tests or
 * CI). Imports only public, side-effect-free API of the modules it measures.
 */
package dev.outlet.bench.jmh;
