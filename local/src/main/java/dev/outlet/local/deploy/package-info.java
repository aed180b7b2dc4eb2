/**
 * {@code outlet deploy}: packaging code folders into reproducible zips, planning what must change
 * on a running Outlet (pure: {@link dev.outlet.local.deploy.FunctionPlan}, {@link
 * dev.outlet.local.deploy.RoutePlan}, {@link dev.outlet.local.deploy.SchedulePlan}), applying the
 * plan through the Lambda REST API, the apigatewayv2 REST API and the EventBridge JSON API over
 * plain {@code java.net.http} (no AWS SDK in the runtime jar), and watching code for changes.
 */
package dev.outlet.local.deploy;
