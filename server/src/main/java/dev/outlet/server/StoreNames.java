package dev.outlet.server;

import dev.outlet.api.FunctionPolicies;
import dev.outlet.api.ProvisionedConcurrency;
import dev.outlet.events.RuleStore;
import java.util.List;

/**
 * The names of a region's document and definition stores ({@link dev.outlet.core.RegionStores}):
 * what {@code serve} opens and what {@code cluster import} copies, listed once.
 */
final class StoreNames {
  static final String LAYERS = "layers";
  static final String TAGS = "tags";
  static final String FUNCTION_SETTINGS = "function-settings";
  static final String GATEWAY = "gateway";
  static final String MAPPINGS = "event-source-mappings";

  /** Every document store of a region. */
  static final List<String> DOCUMENTS =
      List.of(
          LAYERS, TAGS, FUNCTION_SETTINGS, FunctionPolicies.STORE, ProvisionedConcurrency.STORE);

  /**
   * The definition stores of a region kept in the same form on one machine and in a cluster (the
   * mappings are not: one machine keeps them in a table of their own).
   */
  static final List<String> DEFINITIONS = List.of(RuleStore.DEFINITIONS, GATEWAY);

  private StoreNames() {}
}
