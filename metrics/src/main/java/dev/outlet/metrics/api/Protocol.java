package dev.outlet.metrics.api;

/**
 * The wire protocol of a CloudWatch request, told from its method, path and headers alone (before
 * the body is read). Pure.
 */
enum Protocol {
  /** Form-encoded {@code POST /} with {@code Action=...}; XML replies. */
  QUERY,
  /** {@code POST /} with {@code X-Amz-Target: GraniteServiceVersion20100801.Op}; JSON. */
  JSON,
  /** {@code POST /service/GraniteServiceVersion20100801/operation/Op}; CBOR. */
  CBOR;

  static final String SERVICE = "GraniteServiceVersion20100801";
  static final String CBOR_PATH = "/service/" + SERVICE + "/operation/";

  /**
   * @param signingService the service of the request's SigV4 scope, or null: a query request signed
   *     for another service (not {@code monitoring}) is not CloudWatch's
   * @return the protocol, or null when the request is not for the CloudWatch metrics API
   */
  static Protocol detect(
      String method, String path, String contentType, String target, String signingService) {
    if (!"POST".equals(method) || path == null) {
      return null;
    }
    if (path.startsWith(CBOR_PATH)) {
      return CBOR;
    }
    if (!path.equals("/")) {
      return null;
    }
    if (target != null) {
      return target.startsWith(SERVICE + ".") ? JSON : null;
    }
    boolean form =
        contentType != null && contentType.startsWith("application/x-www-form-urlencoded");
    return form && (signingService == null || signingService.equals("monitoring")) ? QUERY : null;
  }
}
