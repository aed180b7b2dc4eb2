/**
 * The Lambda control plane's wire shapes as Java records: requests bound from JSON by Jackson and
 * responses written by it, each member under AWS's name ({@code @JsonProperty}) and, for responses,
 * in AWS's order (the record's component order).
 *
 * <p>Records here hold what the wire carries, unchecked: an optional member is a boxed or reference
 * type, null when the request left it out, so that absent is told from zero. Checking them against
 * AWS's rules, with AWS's messages, is {@code dev.outlet.api.RequestValidator}'s alone; failures to
 * bind (a member of the wrong type) are named once, by {@code dev.outlet.api.WireJson}. Members
 * Outlet does not act on (Tags, VpcConfig, ...) are not declared: they are ignored as unknown
 * members are. Responses omit null members, as AWS omits what does not apply.
 *
 * <p>Must not import the edge, Vert.x or anything that blocks: these are values.
 */
package dev.outlet.api.model;
