package dev.outlet.invoke;

/** A snapshot of sandbox counts. */
public record PoolCounts(int live, int idle, int inFlight) {}
