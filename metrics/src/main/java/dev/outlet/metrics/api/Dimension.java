package dev.outlet.metrics.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * CloudWatch's {@code Dimension}: part of a metric's identity in requests, and in ListMetrics'
 * answer. Both members are required in a request ({@link Validation}). Immutable.
 *
 * @param Name the dimension's name ({@code FunctionName}, {@code Resource}, ...)
 * @param Value its value
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Dimension(String Name, String Value) {}
