package dev.outlet.api;

import dev.outlet.api.SettingsWire.AllowedPublishers;
import dev.outlet.api.SettingsWire.CodeSigningConfig;
import dev.outlet.api.SettingsWire.CodeSigningConfigRequest;
import dev.outlet.api.SettingsWire.CodeSigningConfigResponse;
import dev.outlet.api.SettingsWire.CodeSigningPolicies;
import dev.outlet.api.SettingsWire.FunctionCodeSigningConfig;
import dev.outlet.api.SettingsWire.ListCodeSigningConfigsResponse;
import dev.outlet.api.SettingsWire.ListFunctionsByCodeSigningConfigResponse;
import dev.outlet.api.SettingsWire.PutFunctionCodeSigningConfigRequest;
import dev.outlet.core.Account;
import dev.outlet.core.LambdaException;
import dev.outlet.edge.Call;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code signing configurations and a function's link to one: stored and answered as AWS does. Outlet
 * does not check signatures (said in the README): a configuration's policy is recorded, not
 * enforced.
 */
final class CodeSigningOperations {
  private static final Pattern ARN =
      Pattern.compile(
          "arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:\\d{12}:"
              + "code-signing-config:(csc-[a-z0-9]{17})");
  private static final String KEY = "code-signing";

  private final FunctionSettings settings;
  private final FunctionRegistry registry;
  private final Account account;

  CodeSigningOperations(FunctionSettings settings, FunctionRegistry registry, Account account) {
    this.settings = settings;
    this.registry = registry;
    this.account = account;
  }

  Map<String, Operation> operations() {
    return Map.of(
        "CreateCodeSigningConfig", this::create,
        "GetCodeSigningConfig", this::get,
        "UpdateCodeSigningConfig", this::update,
        "DeleteCodeSigningConfig", this::delete,
        "ListCodeSigningConfigs", this::list,
        "ListFunctionsByCodeSigningConfig", this::functions,
        "GetFunctionCodeSigningConfig", this::getForFunction,
        "PutFunctionCodeSigningConfig", this::putForFunction,
        "DeleteFunctionCodeSigningConfig", this::deleteForFunction);
  }

  private Object create(Call call) {
    CodeSigningConfigRequest in = WireJson.read(call.body(), CodeSigningConfigRequest.class);
    if (in.allowedPublishers() == null) {
      throw LambdaException.validation("null", "allowedPublishers", "Member must not be null");
    }
    String id = "csc-" + Ids.hex(17);
    CodeSigningConfig c =
        checked(
            new CodeSigningConfig(
                id,
                arn(call, id),
                in.description() == null ? "" : in.description(),
                in.allowedPublishers(),
                in.codeSigningPolicies() == null
                    ? new CodeSigningPolicies("Warn")
                    : in.codeSigningPolicies(),
                Instant.now().toString()));
    settings.put(FunctionSettings.CSC, id, c);
    return Protocol.RestJson.reply(201, new CodeSigningConfigResponse(c));
  }

  private Object get(Call call) {
    return Protocol.RestJson.reply(200, new CodeSigningConfigResponse(existing(call)));
  }

  private Object update(Call call) {
    CodeSigningConfig old = existing(call);
    CodeSigningConfigRequest in = WireJson.read(call.body(), CodeSigningConfigRequest.class);
    CodeSigningConfig c =
        checked(
            new CodeSigningConfig(
                old.codeSigningConfigId(),
                old.codeSigningConfigArn(),
                in.description() != null ? in.description() : old.description(),
                in.allowedPublishers() != null ? in.allowedPublishers() : old.allowedPublishers(),
                in.codeSigningPolicies() != null
                    ? in.codeSigningPolicies()
                    : old.codeSigningPolicies(),
                Instant.now().toString()));
    settings.put(FunctionSettings.CSC, c.codeSigningConfigId(), c);
    return Protocol.RestJson.reply(200, new CodeSigningConfigResponse(c));
  }

  private Object delete(Call call) {
    CodeSigningConfig c = existing(call);
    List<String> users = users(c.codeSigningConfigArn());
    if (!users.isEmpty()) {
      throw LambdaException.conflict(
          "The code signing configuration cannot be deleted because it is used by the following"
              + " functions: "
              + users);
    }
    settings.delete(FunctionSettings.CSC, c.codeSigningConfigId());
    return Protocol.RestJson.reply(204, null);
  }

  private Object list(Call call) {
    List<CodeSigningConfig> all =
        new ArrayList<>(settings.all(FunctionSettings.CSC, "", CodeSigningConfig.class).values());
    Paging.Page<CodeSigningConfig> page =
        Paging.page(
            all,
            call.query("Marker"),
            call.query("MaxItems"),
            CodeSigningConfig::codeSigningConfigId,
            c -> c);
    return Protocol.RestJson.reply(
        200, new ListCodeSigningConfigsResponse(page.nextMarker(), page.items()));
  }

  private Object functions(Call call) {
    CodeSigningConfig c = existing(call);
    Paging.Page<String> page =
        Paging.page(
            users(c.codeSigningConfigArn()),
            call.query("Marker"),
            call.query("MaxItems"),
            name -> name,
            name -> account(call).functionArn(name));
    return Protocol.RestJson.reply(
        200, new ListFunctionsByCodeSigningConfigResponse(page.nextMarker(), page.items()));
  }

  private Object getForFunction(Call call) {
    String name = function(call);
    String arn =
        settings
            .get(name, KEY, PutFunctionCodeSigningConfigRequest.class)
            .map(PutFunctionCodeSigningConfigRequest::codeSigningConfigArn)
            .orElse("");
    return Protocol.RestJson.reply(200, new FunctionCodeSigningConfig(arn, name));
  }

  private Object putForFunction(Call call) {
    String name = function(call);
    PutFunctionCodeSigningConfigRequest in =
        WireJson.read(call.body(), PutFunctionCodeSigningConfigRequest.class);
    String arn = in.codeSigningConfigArn();
    find(arn);
    settings.put(name, KEY, in);
    return Protocol.RestJson.reply(200, new FunctionCodeSigningConfig(arn, name));
  }

  private Object deleteForFunction(Call call) {
    settings.delete(function(call), KEY);
    return Protocol.RestJson.reply(204, null);
  }

  /** The unqualified function a call names, which must exist. */
  private String function(Call call) {
    return Qualifiers.unqualified(call.label("FunctionName"), account(call), registry);
  }

  private List<String> users(String cscArn) {
    List<String> out = new ArrayList<>();
    settings
        .owners(KEY)
        .forEach(
            (function, json) -> {
              if (json.contains("\"" + cscArn + "\"")) {
                out.add(function);
              }
            });
    return out;
  }

  private CodeSigningConfig existing(Call call) {
    return find(call.label("CodeSigningConfigArn"));
  }

  private CodeSigningConfig find(String arn) {
    Matcher m = arn == null ? null : ARN.matcher(arn);
    if (m == null || !m.matches()) {
      throw LambdaException.validation(
          String.valueOf(arn),
          "codeSigningConfigArn",
          "Member must satisfy regular expression pattern: " + ARN.pattern());
    }
    return settings
        .get(FunctionSettings.CSC, m.group(6), CodeSigningConfig.class)
        .filter(c -> c.codeSigningConfigArn().equals(arn))
        .orElseThrow(
            () -> LambdaException.notFound("Code signing configuration not found: " + arn));
  }

  private static CodeSigningConfig checked(CodeSigningConfig c) {
    List<String> arns =
        c.allowedPublishers().signingProfileVersionArns() == null
            ? List.of()
            : c.allowedPublishers().signingProfileVersionArns();
    if (arns.isEmpty() || arns.size() > 20) {
      throw LambdaException.validation(
          arns.toString(),
          "allowedPublishers.signingProfileVersionArns",
          arns.isEmpty()
              ? "Member must have length greater than or equal to 1"
              : "Member must have length less than or equal to 20");
    }
    String policy = c.codeSigningPolicies().untrustedArtifactOnDeployment();
    if (policy != null && !policy.equals("Warn") && !policy.equals("Enforce")) {
      throw LambdaException.validation(
          policy,
          "codeSigningPolicies.untrustedArtifactOnDeployment",
          "Member must satisfy enum value set: [Enforce, Warn]");
    }
    if (c.description() != null && c.description().length() > 256) {
      throw LambdaException.validation(
          c.description(), "description", "Member must have length less than or equal to 256");
    }
    return new CodeSigningConfig(
        c.codeSigningConfigId(),
        c.codeSigningConfigArn(),
        c.description(),
        new AllowedPublishers(arns),
        new CodeSigningPolicies(policy == null ? "Warn" : policy),
        c.lastModified());
  }

  private Account account(Call call) {
    return account.inRegion(call.identity().regionOr(null));
  }

  private String arn(Call call, String id) {
    Account in = account(call);
    return "arn:aws:lambda:" + in.region() + ":" + in.id() + ":code-signing-config:" + id;
  }
}
