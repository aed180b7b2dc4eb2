package dev.outlet.api;

import dev.outlet.api.FunctionView.Detail;
import dev.outlet.api.model.AliasConfiguration;
import dev.outlet.api.model.AliasRoutingConfiguration;
import dev.outlet.api.model.CreateAliasRequest;
import dev.outlet.api.model.FunctionConfiguration;
import dev.outlet.api.model.ListAliasesResponse;
import dev.outlet.api.model.ListVersionsByFunctionResponse;
import dev.outlet.api.model.PublishVersionRequest;
import dev.outlet.api.model.UpdateAliasRequest;
import dev.outlet.core.Account;
import dev.outlet.core.AliasRecord;
import dev.outlet.edge.Call;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PublishVersion, ListVersionsByFunction and the alias operations on the edge: each reads its call,
 * asks {@link VersionService}, and renders AWS's records. Runs on the edge's virtual threads.
 */
final class VersionOperations {
  private final VersionService versions;
  private final FunctionRegistry registry;
  private final Account account;

  VersionOperations(VersionService versions, FunctionRegistry registry, Account account) {
    this.versions = versions;
    this.registry = registry;
    this.account = account;
  }

  /** The operations by name, for the Lambda service's table. */
  Map<String, Operation> operations() {
    return Map.of(
        "PublishVersion", this::publish,
        "ListVersionsByFunction", this::listVersions,
        "CreateAlias", this::createAlias,
        "GetAlias", this::getAlias,
        "UpdateAlias", this::updateAlias,
        "DeleteAlias", this::deleteAlias,
        "ListAliases", this::listAliases);
  }

  private Object publish(Call call) {
    Account in = account(call);
    String name = function(call, in);
    PublishVersionRequest request =
        call.body() == null || call.body().length == 0
            ? null
            : WireJson.read(call.body(), PublishVersionRequest.class);
    Deployed d = versions.publish(name, request);
    return Protocol.RestJson.reply(
        201, FunctionView.configuration(d, in, Detail.FULL, d.spec().version()));
  }

  private Object listVersions(Call call) {
    Account in = account(call);
    String name = function(call, in);
    List<Deployed> all = new ArrayList<>();
    all.add(registry.find(name).orElseThrow());
    all.addAll(registry.lineage(name).versions().values());
    Paging.Page<FunctionConfiguration> page =
        Paging.page(
            all,
            call.query("Marker"),
            call.query("MaxItems"),
            d -> d.spec().version(),
            d -> FunctionView.configuration(d, in, Detail.LISTED, d.spec().version()));
    return Protocol.RestJson.reply(
        200, new ListVersionsByFunctionResponse(page.nextMarker(), page.items()));
  }

  private Object createAlias(Call call) {
    Account in = account(call);
    String name = function(call, in);
    AliasRecord a =
        versions.createAlias(name, WireJson.read(call.body(), CreateAliasRequest.class));
    return Protocol.RestJson.reply(201, view(a, in));
  }

  private Object getAlias(Call call) {
    Account in = account(call);
    return Protocol.RestJson.reply(
        200, view(versions.alias(function(call, in), call.label("Name")), in));
  }

  private Object updateAlias(Call call) {
    Account in = account(call);
    String name = function(call, in);
    UpdateAliasRequest request =
        call.body() == null || call.body().length == 0
            ? new UpdateAliasRequest(null, null, null, null)
            : WireJson.read(call.body(), UpdateAliasRequest.class);
    return Protocol.RestJson.reply(
        200, view(versions.updateAlias(name, call.label("Name"), request), in));
  }

  private Object deleteAlias(Call call) {
    Account in = account(call);
    versions.deleteAlias(function(call, in), call.label("Name"));
    return Protocol.RestJson.reply(204, null);
  }

  private Object listAliases(Call call) {
    Account in = account(call);
    String name = function(call, in);
    String version = call.query("FunctionVersion");
    if (version != null) {
      AliasRules.version(version);
    }
    List<AliasRecord> all =
        registry.lineage(name).aliases().values().stream()
            .filter(a -> version == null || a.version().equals(version))
            .toList();
    Paging.Page<AliasConfiguration> page =
        Paging.page(
            all, call.query("Marker"), call.query("MaxItems"), AliasRecord::name, a -> view(a, in));
    return Protocol.RestJson.reply(200, new ListAliasesResponse(page.nextMarker(), page.items()));
  }

  private Account account(Call call) {
    return account.inRegion(call.identity().regionOr(null));
  }

  /** The function a call names, unqualified and existing. */
  private String function(Call call, Account in) {
    return Qualifiers.unqualified(call.label("FunctionName"), in, registry);
  }

  private static AliasConfiguration view(AliasRecord a, Account in) {
    return new AliasConfiguration(
        in.functionArn(a.function()) + ":" + a.name(),
        a.name(),
        a.version(),
        a.description(),
        a.weights().isEmpty() ? null : new AliasRoutingConfiguration(a.weights()),
        a.revisionId());
  }
}
