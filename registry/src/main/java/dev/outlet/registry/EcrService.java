package dev.outlet.registry;

import dev.outlet.edge.Access;
import dev.outlet.edge.AwsException;
import dev.outlet.edge.Call;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.Service;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The ECR API subset on the AWS edge (AWS JSON 1.1, {@code X-Amz-Target:
 * AmazonEC2ContainerRegistry_V20150921.*}, signed for {@code ecr}), over the server's one {@link
 * Registry}: repositories ({@link EcrRepositories}), images ({@link EcrImages}) and the login
 * token. Repository URIs are {@code <host:port>/<name>}, Outlet's endpoint standing where AWS has
 * {@code <account>.dkr.ecr.<region>.amazonaws.com}. A {@link RegistryError} an operation meets is
 * turned into ECR's error here, once ({@link EcrErrors#of}).
 */
public final class EcrService {
  static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
  static final long MAX_BODY = 1L << 20;

  private EcrService() {}

  /**
   * ECR's service over {@code registry}, whose repositories are addressed at {@code registryHost}
   * ({@code 127.0.0.1:PORT}) and logged into through {@code proxyEndpoint} ({@code
   * http://127.0.0.1:PORT}).
   */
  public static Service create(Registry registry, String registryHost, String proxyEndpoint) {
    EcrRepositories repos = new EcrRepositories(registry, registryHost);
    EcrImages images = new EcrImages(registry);
    Map<String, BiFunction<Call, String, Object>> handlers =
        Map.ofEntries(
            Map.entry("CreateRepository", repos::create),
            Map.entry("DescribeRepositories", repos::describe),
            Map.entry("DeleteRepository", repos::delete),
            Map.entry("PutImageTagMutability", repos::putImageTagMutability),
            Map.entry("PutLifecyclePolicy", repos::putLifecyclePolicy),
            Map.entry("GetLifecyclePolicy", repos::getLifecyclePolicy),
            Map.entry("DeleteLifecyclePolicy", repos::deleteLifecyclePolicy),
            Map.entry("DescribeImages", images::describe),
            Map.entry("ListImages", images::list),
            Map.entry("BatchGetImage", images::batchGet),
            Map.entry("BatchDeleteImage", images::batchDelete),
            Map.entry(
                "GetAuthorizationToken",
                (call, region) -> EcrImages.authorization(registry, call, proxyEndpoint)));
    Map<String, Operation> ops =
        handlers.entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> operation(registry, e.getValue())));
    return new Service(
        "ECR",
        new Protocol.AwsJson("1.1", false),
        Service.byTarget(TARGET_PREFIX),
        ops,
        MAX_BODY,
        ERRORS,
        call -> List.of(new Access("ecr:" + call.operation(), resource(registry, call))));
  }

  private static Operation operation(Registry registry, BiFunction<Call, String, Object> handler) {
    return call -> {
      try {
        return handler.apply(call, call.region());
      } catch (RegistryError e) {
        throw EcrErrors.of(e, registry.account());
      }
    };
  }

  /** The repository's ARN when the call names one, else {@code *}. */
  private static String resource(Registry registry, Call call) {
    EcrModel.RepositoryRequest named = call.inputOrNull(EcrModel.RepositoryRequest.class);
    return named == null || named.repositoryName() == null
        ? "*"
        : arn(call.region(), registry.account(), named.repositoryName());
  }

  static String arn(String region, String account, String name) {
    return "arn:aws:ecr:" + region + ":" + account + ":repository/" + name;
  }

  private static final Service.Errors ERRORS =
      Service.Errors.of(
          name ->
              new AwsException(
                  "UnknownOperationException",
                  400,
                  name.isEmpty()
                      ? "The operation is missing."
                      : "The operation " + name + " is not served by Outlet's ECR."),
          (operation, limit) ->
              EcrErrors.invalid("The request must be smaller than " + limit + " bytes."),
          message -> new AwsException("SerializationException", 400, message),
          requestId ->
              new AwsException(
                  "ServerException",
                  500,
                  "Outlet could not serve the request; see its log for " + requestId + "."),
          message -> new AwsException("AccessDeniedException", 400, message));
}
