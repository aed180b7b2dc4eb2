/**
 * The Runtime API 2018-06-01 over Vert.x: one loopback listener per sandbox, so the endpoint a
 * runtime dials identifies its sandbox without any lookup.
 *
 * <p>Owns HTTP parsing and rendering only; every decision is the sandbox's. Never blocks an event
 * loop: the sandbox's methods take a lock for nanoseconds and do no I/O.
 */
package dev.outlet.runtimeapi;
