package dev.outlet.metrics.api;

import java.util.List;

/**
 * ListMetrics' request, with CloudWatch's member names, as the edge binds it from a form, JSON or
 * CBOR. Every member is optional (lists: empty when absent); a dimension filter needs its Name
 * ({@link Validation#check(ListMetricsInput)}). Outlet answers in one page and has one account, so
 * NextToken, IncludeLinkedAccounts and OwningAccount are read but not used. Immutable.
 *
 * @param Namespace only this namespace
 * @param MetricName only this metric
 * @param Dimensions only metrics with these dimensions (and values, when given)
 * @param NextToken a previous answer's token
 * @param RecentlyActive {@code PT3H}: only metrics with data in the last three hours
 * @param IncludeLinkedAccounts whether to list the linked accounts' metrics
 * @param OwningAccount only this account's metrics
 */
record ListMetricsInput(
    String Namespace,
    String MetricName,
    List<DimensionFilter> Dimensions,
    String NextToken,
    String RecentlyActive,
    Boolean IncludeLinkedAccounts,
    String OwningAccount) {

  ListMetricsInput {
    Dimensions = Dimensions == null ? List.of() : List.copyOf(Dimensions);
  }

  /**
   * @param Name the dimension's name (required)
   * @param Value its value; null matches any
   */
  record DimensionFilter(String Name, String Value) {}
}
