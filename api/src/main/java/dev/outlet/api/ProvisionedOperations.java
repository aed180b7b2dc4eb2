package dev.outlet.api;

import dev.outlet.api.model.ListProvisionedConcurrencyConfigsResponse;
import dev.outlet.api.model.ProvisionedConcurrencyConfig;
import dev.outlet.api.model.PutProvisionedConcurrencyConfigRequest;
import dev.outlet.core.Account;
import dev.outlet.edge.Call;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import java.util.Map;

/**
 * Put/Get/Delete/ListProvisionedConcurrencyConfigs on the edge. Get and List share a path; List is
 * the one with {@code List=ALL}. Runs on the edge's virtual threads.
 */
final class ProvisionedOperations {
  private final ProvisionedConcurrency configs;
  private final FunctionRegistry registry;
  private final Account account;

  ProvisionedOperations(
      ProvisionedConcurrency configs, FunctionRegistry registry, Account account) {
    this.configs = configs;
    this.registry = registry;
    this.account = account;
  }

  Map<String, Operation> operations() {
    return Map.of(
        "PutProvisionedConcurrencyConfig", this::put,
        "GetProvisionedConcurrencyConfig", this::getOrList,
        "DeleteProvisionedConcurrencyConfig", this::delete);
  }

  private Object put(Call call) {
    Account in = account.inRegion(call.identity().regionOr(null));
    Qualifiers.Target t = target(call, in);
    PutProvisionedConcurrencyConfigRequest body =
        WireJson.read(call.body(), PutProvisionedConcurrencyConfigRequest.class);
    ProvisionedConcurrency.Config c = configs.put(t, body.provisionedConcurrentExecutions());
    return Protocol.RestJson.reply(202, configs.view(c, in, false));
  }

  private Object getOrList(Call call) {
    Account in = account.inRegion(call.identity().regionOr(null));
    if ("ALL".equals(call.query("List"))) {
      String name = Qualifiers.resolve(call.label("FunctionName"), null, in, registry, false);
      Paging.Page<ProvisionedConcurrencyConfig> page =
          Paging.page(
              configs.list(name),
              call.query("Marker"),
              call.query("MaxItems"),
              ProvisionedConcurrency.Config::qualifier,
              c -> configs.view(c, in, true));
      return Protocol.RestJson.reply(
          200, new ListProvisionedConcurrencyConfigsResponse(page.items(), page.nextMarker()));
    }
    Qualifiers.Target t = target(call, in);
    return Protocol.RestJson.reply(
        200, configs.view(configs.get(t.name(), String.valueOf(t.qualifier())), in, false));
  }

  private Object delete(Call call) {
    Account in = account.inRegion(call.identity().regionOr(null));
    Qualifiers.Target t = target(call, in);
    configs.delete(t.name(), String.valueOf(t.qualifier()));
    return Protocol.RestJson.reply(204, null);
  }

  private Qualifiers.Target target(Call call, Account in) {
    return Qualifiers.target(
        call.label("FunctionName"), call.query("Qualifier"), in, registry, false);
  }
}
