package dev.outlet.cloudwatch;

/**
 * Where a request's resources live, for the ARNs a response names: not a member of any request, so
 * it is passed beside the request record.
 *
 * @param region the region of the request's credential scope, or Outlet's default
 * @param account Outlet's account id
 */
record Scope(String region, String account) {}
