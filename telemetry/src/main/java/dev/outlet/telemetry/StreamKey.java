package dev.outlet.telemetry;

/** A (group, stream) pair, as a map key. */
record StreamKey(String group, String stream) {}
