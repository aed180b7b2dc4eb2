/**
 * One function run once, without a server: the server's own pieces (code store, entrypoint
 * inspection, control-plane validation, sandbox factory, isolation, Runtime API endpoints, invoker)
 * wired in-process over a temporary data folder that is removed afterwards.
 */
package dev.outlet.local.run;
