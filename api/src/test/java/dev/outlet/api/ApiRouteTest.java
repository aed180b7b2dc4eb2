package dev.outlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.api.ApiRoute.Operation;
import org.junit.jupiter.api.Test;

class ApiRouteTest {

  @Test
  void routesEveryLambdaOperationOutletServes() {
    assertThat(ApiRoute.of("POST", "/2015-03-31/functions"))
        .isEqualTo(new ApiRoute(Operation.CREATE_FUNCTION, null));
    assertThat(ApiRoute.of("GET", "/2015-03-31/functions/"))
        .isEqualTo(new ApiRoute(Operation.LIST_FUNCTIONS, null));
    assertThat(ApiRoute.of("GET", "/2015-03-31/functions/f"))
        .isEqualTo(new ApiRoute(Operation.GET_FUNCTION, "f"));
    assertThat(ApiRoute.of("DELETE", "/2015-03-31/functions/f"))
        .isEqualTo(new ApiRoute(Operation.DELETE_FUNCTION, "f"));
    assertThat(ApiRoute.of("GET", "/2015-03-31/functions/f/configuration").operation())
        .isEqualTo(Operation.GET_CONFIGURATION);
    assertThat(ApiRoute.of("PUT", "/2015-03-31/functions/f/configuration").operation())
        .isEqualTo(Operation.UPDATE_CONFIGURATION);
    assertThat(ApiRoute.of("PUT", "/2015-03-31/functions/f/code").operation())
        .isEqualTo(Operation.UPDATE_CODE);
    assertThat(ApiRoute.of("POST", "/2015-03-31/functions/f/invocations"))
        .isEqualTo(new ApiRoute(Operation.INVOKE, "f"));
    assertThat(ApiRoute.of("PUT", "/2017-10-31/functions/f/concurrency"))
        .isEqualTo(new ApiRoute(Operation.PUT_CONCURRENCY, "f"));
    assertThat(ApiRoute.of("DELETE", "/2017-10-31/functions/f/concurrency").operation())
        .isEqualTo(Operation.DELETE_CONCURRENCY);
    assertThat(ApiRoute.of("GET", "/2019-09-30/functions/f/concurrency").operation())
        .isEqualTo(Operation.GET_CONCURRENCY);
    assertThat(ApiRoute.of("GET", "/2016-08-19/account-settings").operation())
        .isEqualTo(Operation.GET_ACCOUNT_SETTINGS);
  }

  @Test
  void decodesPercentEncodedArnsAndQualifiers() {
    assertThat(
            ApiRoute.of(
                    "POST",
                    "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af%3A%24LATEST/invocations")
                .function())
        .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST");
  }

  @Test
  void wrongMethodsAndUnknownPathsAreUnknown() {
    assertThat(ApiRoute.of("PATCH", "/2015-03-31/functions/f").operation())
        .isEqualTo(Operation.UNKNOWN);
    assertThat(ApiRoute.of("GET", "/2015-03-31/functions/f/invocations").operation())
        .isEqualTo(Operation.UNKNOWN);
    assertThat(ApiRoute.of("GET", "/nothing").operation()).isEqualTo(Operation.UNKNOWN);
    assertThat(ApiRoute.of("GET", "/2015-03-31/functionsX").operation())
        .isEqualTo(Operation.UNKNOWN);
  }
}
