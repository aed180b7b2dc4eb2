package dev.outlet.edge;

import io.vertx.core.http.HttpHeaders;

/**
 * Header names and values the warm invoke path writes on every exchange, made once as Netty {@code
 * AsciiString}s: Vert.x then neither validates nor re-hashes them per response, and Netty copies
 * their bytes in bulk instead of encoding a {@code String} character by character (the header
 * encoding was ~11 % of Outlet's CPU per warm invoke; see docs/architecture.md, "Where an invoke's
 * CPU goes"). Spelled as AWS spells them.
 */
public final class HeaderNames {
  public static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
  public static final CharSequence APPLICATION_JSON =
      HttpHeaders.createOptimized("application/json");
  public static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-amzn-RequestId");
  public static final CharSequence EXECUTED_VERSION =
      HttpHeaders.createOptimized("X-Amz-Executed-Version");
  public static final CharSequence LATEST = HttpHeaders.createOptimized("$LATEST");
  public static final CharSequence RUNTIME_REQUEST_ID =
      HttpHeaders.createOptimized("Lambda-Runtime-Aws-Request-Id");
  public static final CharSequence RUNTIME_DEADLINE =
      HttpHeaders.createOptimized("Lambda-Runtime-Deadline-Ms");
  public static final CharSequence RUNTIME_FUNCTION_ARN =
      HttpHeaders.createOptimized("Lambda-Runtime-Invoked-Function-Arn");
  public static final CharSequence RUNTIME_TRACE_ID =
      HttpHeaders.createOptimized("Lambda-Runtime-Trace-Id");
  public static final CharSequence RUNTIME_CLIENT_CONTEXT =
      HttpHeaders.createOptimized("Lambda-Runtime-Client-Context");

  private HeaderNames() {}
}
