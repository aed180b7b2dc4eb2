/**
 * The Lambda REST API 2015-03-31 (control plane and Invoke) on Vert.x: routing, binding request
 * bodies to the records of {@link dev.outlet.api.model} ({@code WireJson}, the one place a body
 * that does not bind becomes AWS's error), validation with AWS's messages ({@code
 * RequestValidator}), rendering the response records ({@code FunctionView}), and the one place
 * where errors become HTTP responses ({@link dev.outlet.api.ErrorResponses}).
 *
 * <p>Control-plane operations block (SQLite, zip extraction) and run on virtual threads; Invoke
 * never blocks and never parses its payload.
 */
package dev.outlet.api;
