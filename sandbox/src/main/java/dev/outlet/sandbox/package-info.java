/**
 * Sandboxes: one runtime process each, its state machine, the hand-over of invocations between the
 * invoker and the Runtime API, the process launcher and the log pump.
 *
 * <p>Owns processes and their pipes. Must not import HTTP libraries: the Runtime API adapter drives
 * a sandbox through {@link dev.outlet.sandbox.Sandbox}'s runtime-facing methods.
 */
package dev.outlet.sandbox;
