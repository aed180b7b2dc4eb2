/**
 * Lambda event source mappings for SQS queues: {@link dev.outlet.mappings.EventSourceMappings} owns
 * a region's mappings, serves their Lambda API operations and runs one poller per enabled mapping.
 */
package dev.outlet.mappings;
