/**
 * The HTTP front: Lambda Function URLs and API Gateway HTTP APIs (apigatewayv2) in front of the
 * invoker.
 *
 * <p>Three HTTP surfaces live here: the apigatewayv2 control plane ({@link
 * dev.outlet.gateway.ApisService}), the Function URL control plane ({@link
 * dev.outlet.gateway.FunctionUrlsService}) and the data plane ({@link
 * dev.outlet.gateway.FrontDoor}). The control planes keep definitions as records ({@link
 * dev.outlet.gateway.HttpApi}, {@link dev.outlet.gateway.Route}, {@link
 * dev.outlet.gateway.FunctionUrlConfig}, ...), validate them in one place each ({@link
 * dev.outlet.gateway.ApiDefinitions}, {@link dev.outlet.gateway.FunctionUrlRules}), write them to
 * {@link dev.outlet.core.DefinitionStore} (SQLite, durable) on virtual threads and then publish
 * immutable snapshots compiled by {@link dev.outlet.gateway.ApiCompiler} to {@link
 * dev.outlet.gateway.Catalog}; the data plane reads only those snapshots, never the database.
 * Decisions are pure and unit-tested: route selection ({@link dev.outlet.gateway.RouteTable}),
 * response mapping ({@link dev.outlet.gateway.ProxyResponse}), throttling ({@link
 * dev.outlet.gateway.TokenBucket}), CORS ({@link dev.outlet.gateway.CorsRules}).
 *
 * <p>Must not import the server module or touch processes; functions are reached only through
 * {@link dev.outlet.invoke.Invocations} (the invoker, or in a cluster the invocations placed on the
 * node where the function is warm).
 */
package dev.outlet.gateway;
