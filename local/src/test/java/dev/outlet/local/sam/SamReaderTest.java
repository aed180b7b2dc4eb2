package dev.outlet.local.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamReaderTest {
  @TempDir Path dir;

  private SamTemplate read(String yaml) throws IOException, TemplateException {
    Files.createDirectories(dir.resolve("code"));
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, yaml);
    return new SamReader("eu-west-1", "123456789012").read(file, "demo", Map.of());
  }

  @Test
  void readsFunctionsWithGlobalsParametersAndShortTags() throws Exception {
    SamTemplate t =
        read(
            """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Greeting: {Type: String, Default: Hi}
            Globals:
              Function:
                Timeout: 7
                MemorySize: 256
                Environment:
                  Variables: {STAGE: dev, SHARED: global}
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
              Hello:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: code/
                  Handler: main
                  Runtime: provided.al2
                  Architectures: [arm64]
                  ReservedConcurrentExecutions: 3
                  Environment:
                    Variables:
                      GREETING: !Ref Greeting
                      WHERE: !Sub '${AWS::StackName}@${AWS::Region}/${AWS::AccountId}'
                      OTHER_ARN: !GetAtt Other.Arn
                      SHARED: mine
                  Events:
                    Get:
                      Type: HttpApi
                      Properties: {Path: /hello, Method: get, ApiId: !Ref Api}
                    Catch:
                      Type: HttpApi
                    Rest:
                      Type: Api
                      Properties: {Path: '/v1/{proxy+}', Method: any}
                    Tick:
                      Type: Schedule
                      Properties:
                        Schedule: cron(0 12 * * ? *)
                        Enabled: false
                        Input: '{"k":1}'
                    Orders:
                      Type: EventBridgeRule
                      Properties:
                        EventBusName: shop-bus
                        InputPath: $.detail
                        Pattern:
                          source: [shop]
                          detail:
                            total: [{numeric: [">", 100]}]
              Other:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: other-fn
                  CodeUri: code
            """);
    assertThat(t.warnings()).isEmpty();
    assertThat(t.httpApis()).containsExactly("Api");
    SamFunction hello = t.function("Hello").orElseThrow();
    assertThat(hello.name()).isEqualTo("demo-Hello");
    assertThat(hello.codeUri()).isEqualTo(dir.resolve("code"));
    assertThat(hello.handler()).isEqualTo("main");
    assertThat(hello.runtime()).isEqualTo("provided.al2");
    assertThat(hello.architecture()).isEqualTo("arm64");
    assertThat(hello.timeout()).isEqualTo(7);
    assertThat(hello.memorySize()).isEqualTo(256);
    assertThat(hello.reservedConcurrency()).isEqualTo(3);
    assertThat(hello.environment())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "STAGE", "dev",
                "SHARED", "mine",
                "GREETING", "Hi",
                "WHERE", "demo@eu-west-1/123456789012",
                "OTHER_ARN", "arn:aws:lambda:eu-west-1:123456789012:function:other-fn"));
    assertThat(hello.events())
        .containsExactly(
            new SamEvent.Http("Get", SamEvent.ApiKind.HTTP_API, "GET /hello", "Api", "2.0"),
            new SamEvent.Http(
                "Catch", SamEvent.ApiKind.HTTP_API, "$default", SamReader.IMPLICIT_HTTP_API, "2.0"),
            new SamEvent.Http(
                "Rest",
                SamEvent.ApiKind.REST_API,
                "ANY /v1/{proxy+}",
                SamReader.IMPLICIT_REST_API,
                "1.0"),
            new SamEvent.Schedule(
                "Tick", "cron(0 12 * * ? *)", "demo-HelloTick", false, null, "{\"k\":1}"),
            new SamEvent.EventRule(
                "Orders",
                "{\"source\":[\"shop\"],\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}",
                "shop-bus",
                "demo-HelloOrders",
                true,
                null,
                "$.detail"));
    SamFunction other = t.function("Other").orElseThrow();
    assertThat(other.name()).isEqualTo("other-fn");
    assertThat(other.runtime()).isEqualTo("provided.al2023");
    assertThat(other.handler()).isEqualTo("bootstrap");
    assertThat(other.reservedConcurrency()).isEqualTo(-1);
  }

  @Test
  void everyUnsupportedPropertyProducesExactlyOneWarning() throws Exception {
    SamTemplate t =
        read(
            """
            Transform: AWS::Serverless-2016-10-31
            Conditions:
              IsProd: !Equals [a, b]
            Globals:
              Api:
                Cors: '*'
              Function:
                Tracing: Active
                Layers: [arn:aws:lambda:us-east-1:1:layer:x:1]
                Timeout: 4
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
              Api:
                Type: AWS::Serverless::HttpApi
                Properties:
                  CorsConfiguration: {AllowOrigins: ['*']}
              Fn:
                Type: AWS::Serverless::Function
                Condition: IsProd
                Properties:
                  CodeUri: code
                  Policies: [AWSLambdaBasicExecutionRole]
                  Tracing: Active
                  Description: !If [IsProd, a, b]
                  Environment:
                    Variables: {A: b}
                    KmsKeyArn: arn:aws:kms:x
                  Events:
                    Q:
                      Type: Kinesis
                      Properties: {Stream: arn:aws:kinesis:x}
                    H:
                      Type: HttpApi
                      Properties: {Path: /x, Method: get, Auth: {Authorizer: NONE}, TimeoutInMillis: 100}
                    S:
                      Type: Schedule
                      Properties: {Schedule: rate(5 minutes), RetryPolicy: {MaximumRetryAttempts: 1}}
            Outputs:
              Url:
                Value: x
            """);
    assertThat(t.warnings())
        .containsExactly(
            "Conditions: not supported by Outlet, ignored",
            "Outputs: not supported by Outlet, ignored",
            "Resources.Bucket (Type AWS::S3::Bucket): not supported by Outlet, not deployed",
            "Globals.Api: not supported by Outlet, ignored",
            "Globals.Function.Tracing: not supported by Outlet, ignored",
            "Globals.Function.Layers: not supported by Outlet, ignored",
            "Resources.Fn.Condition: not supported by Outlet, ignored",
            "Resources.Fn.Properties.Policies: not supported by Outlet, ignored",
            "Resources.Fn.Properties.Tracing: not supported by Outlet, ignored",
            "Resources.Fn.Properties.Description: Fn::If is not supported by Outlet, ignored",
            "Resources.Fn.Properties.Environment.KmsKeyArn: not supported by Outlet, ignored",
            "Resources.Fn.Properties.Events.Q (Type Kinesis): not supported by Outlet, ignored",
            "Resources.Fn.Properties.Events.H.Properties.Auth: not supported by Outlet, ignored",
            "Resources.Fn.Properties.Events.H.Properties.TimeoutInMillis: not supported by Outlet,"
                + " ignored",
            "Resources.Fn.Properties.Events.S.Properties.RetryPolicy: not supported by Outlet,"
                + " ignored",
            "Resources.Api.Properties.CorsConfiguration: not supported by Outlet, ignored");
    SamFunction fn = t.functions().get(0);
    assertThat(fn.timeout()).isEqualTo(4);
    assertThat(fn.description()).isNull();
    assertThat(fn.environment()).containsExactly(Map.entry("A", "b"));
    assertThat(fn.events()).hasSize(2);
  }

  @Test
  void readsJsonTemplatesAndWarnsWithoutTheTransform() throws Exception {
    Files.createDirectories(dir.resolve("code"));
    Path file = dir.resolve("template.json");
    Files.writeString(
        file,
        """
        {"Resources": {"F": {"Type": "AWS::Serverless::Function",
          "Properties": {"CodeUri": "code", "Environment": {"Variables": {"R": {"Ref": "AWS::Region"},
            "J": {"Fn::Join": ["-", ["a", {"Ref": "AWS::StackName"}]]}}}}}}}
        """);
    assertThat(SamReader.find(dir)).isEqualTo(file);
    SamTemplate t = new SamReader("us-east-1", "1").read(file, "s", Map.of());
    assertThat(t.warnings())
        .containsExactly(
            "Transform: AWS::Serverless-2016-10-31 is missing; reading the template as SAM anyway");
    assertThat(t.functions().get(0).environment())
        .containsEntry("R", "us-east-1")
        .containsEntry("J", "a-s");
  }

  @Test
  void refusesWhatCannotBeDeployedWithTheFix() throws Exception {
    assertThatThrownBy(
            () ->
                read(
                    """
                    Resources:
                      F:
                        Type: AWS::Serverless::Function
                        Properties: {Handler: x}
                    """))
        .isInstanceOf(TemplateException.class)
        .hasMessage("Resources.F.Properties.CodeUri: missing: Outlet needs a folder or a .zip");
    assertThatThrownBy(
            () ->
                read(
                    """
                    Parameters:
                      P: {Type: String}
                    Resources:
                      F:
                        Type: AWS::Serverless::Function
                        Properties: {CodeUri: code}
                    """))
        .hasMessage("Parameters.P has no Default: pass --parameter-overrides P=VALUE");
    assertThatThrownBy(
            () ->
                read(
                    """
                    Resources:
                      F:
                        Type: AWS::Serverless::Function
                        Properties: {CodeUri: missing/}
                    """))
        .hasMessageContaining("does not exist (build it first?)");
    assertThatThrownBy(() -> read("Resources: [1, 2"))
        .hasMessageStartingWith("template.yaml: not valid YAML or JSON");
  }
}
