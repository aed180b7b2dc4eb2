/**
 * The Lambda REST API 2015-03-31 (control plane and Invoke) on Vert.x: routing, request parsing and
 * validation with AWS's messages, response rendering, and the one place where errors become HTTP
 * responses ({@link dev.outlet.api.ErrorResponses}).
 *
 * <p>Control-plane operations block (SQLite, zip extraction) and run on virtual threads; Invoke
 * never blocks and never parses its payload.
 */
package dev.outlet.api;
