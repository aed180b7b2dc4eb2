/**
 * The web console served by {@code outlet serve}: its pages (plain JavaScript modules in the jar,
 * under {@code assets/}), sessions with CSRF tokens ({@link Sessions}), the proxy that signs each
 * of the console's AWS API calls with the signed-in identity ({@link AwsProxy}), and the reads the
 * AWS API has no operation for: the account's and a function's summaries ({@link Summaries}), the
 * live sandboxes, the live log tail ({@link TailStream}) and the sample events. {@link ConsoleHttp}
 * is the one entry point.
 */
package dev.outlet.console;
