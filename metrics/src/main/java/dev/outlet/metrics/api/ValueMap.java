package dev.outlet.metrics.api;

import java.util.Map;

/**
 * A reply value of a map shape (as {@code ExtendedStatistics}): JSON and CBOR write it as an
 * object, the query protocol as {@code entry}/{@code key}/{@code value} elements.
 */
record ValueMap(Map<String, Object> entries) {}
