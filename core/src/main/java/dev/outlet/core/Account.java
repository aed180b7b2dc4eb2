package dev.outlet.core;

/**
 * The account and region a request acts in: the region from the request's SigV4 credential scope
 * when present, else Outlet's configured default.
 */
public record Account(String region, String id) {

  public String functionArn(String name) {
    return FunctionRef.arn(region, id, name);
  }

  public Account inRegion(String other) {
    return other == null || other.equals(region) ? this : new Account(other, id);
  }
}
