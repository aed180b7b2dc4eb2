package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.local.deploy.AwsHttp.ApiException;
import dev.outlet.local.deploy.AwsHttp.UnreachableException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads and applies functions' event invoke configs through the Lambda REST API ({@code
 * /2019-09-25/functions/{name}/event-invoke-config}). Not thread-safe, like {@link Deployer}.
 */
final class InvokeConfigs {
  private final AwsHttp http;

  InvokeConfigs(AwsHttp http) {
    this.http = http;
  }

  /**
   * @return GetFunctionEventInvokeConfig's answer, or null when the function has none
   */
  JsonNode current(String function) throws ApiException, UnreachableException {
    try {
      return http.rest("lambda", "GET", path(function), null);
    } catch (ApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  void apply(InvokeConfigPlan p) throws ApiException, UnreachableException {
    switch (p.action()) {
      case NONE -> {}
      case PUT -> http.rest("lambda", "PUT", path(p.functionName()), p.body());
      case DELETE -> http.rest("lambda", "DELETE", path(p.functionName()), null);
    }
  }

  private static String path(String function) {
    return "/2019-09-25/functions/"
        + URLEncoder.encode(function, StandardCharsets.UTF_8)
        + "/event-invoke-config";
  }
}
