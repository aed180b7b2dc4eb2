package dev.outlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.Account;
import dev.outlet.edge.Access;
import dev.outlet.edge.Call;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.RequestHead;
import dev.outlet.edge.RequestIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resources the Lambda API's operations are authorized on, as AWS's reference names them. */
class LambdaAccessTest {
  private static final Account ACCOUNT = new Account("us-east-1", "000000000000");

  private static List<Access> needed(String operation, Map<String, String> labels) {
    Call call =
        new Call(
            operation,
            new RequestHead("GET", "/", h -> null, q -> null),
            RequestIdentity.ANONYMOUS,
            "us-east-1",
            labels,
            "id",
            new byte[0],
            new Protocol.RestJson());
    return LambdaAccess.resolver(ACCOUNT).of(call);
  }

  @Test
  void eachOperationIsAuthorizedOnWhatItActsOn() {
    String fn = "arn:aws:lambda:us-east-1:000000000000:function:f";
    assertThat(needed("GetAlias", Map.of("FunctionName", "f", "Name", "live")))
        .containsExactly(new Access("lambda:GetAlias", fn));
    assertThat(needed("TagResource", Map.of("Resource", fn)))
        .containsExactly(new Access("lambda:TagResource", fn));
    assertThat(needed("GetLayerVersion", Map.of("LayerName", "lib", "VersionNumber", "3")))
        .containsExactly(
            new Access(
                "lambda:GetLayerVersion", "arn:aws:lambda:us-east-1:000000000000:layer:lib:3"));
    String csc = "arn:aws:lambda:us-east-1:000000000000:code-signing-config:csc-0123456789abcdef0";
    assertThat(needed("GetCodeSigningConfig", Map.of("CodeSigningConfigArn", csc)))
        .containsExactly(new Access("lambda:GetCodeSigningConfig", csc));
    assertThat(needed("ListLayers", Map.of()))
        .containsExactly(new Access("lambda:ListLayers", "*"));
  }
}
