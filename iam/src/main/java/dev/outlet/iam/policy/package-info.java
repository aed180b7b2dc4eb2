/**
 * IAM policies: the document model, its parser, the evaluator that decides a request, AWS's managed
 * policies Outlet knows, and the denial message AWS prints.
 *
 * <p>What it owns: turning policy JSON into immutable values ({@link
 * dev.outlet.iam.policy.PolicyDocument#parse}), refusing what IAM refuses with IAM's codes and
 * words ({@link dev.outlet.iam.policy.PolicyException}), and deciding one {@link
 * dev.outlet.iam.policy.Request} against identity-based and resource-based policies ({@link
 * dev.outlet.iam.policy.PolicyEvaluator#evaluate}) the way AWS documents it: an explicit deny
 * anywhere wins, else an allow (from both sides when the principal and the resource are in
 * different accounts), else an implicit deny.
 *
 * <p>Why it is pure: a decision sits on every request once enforcement wires it in, so it is a
 * static function over immutable values, without locks, clock or I/O. Time comes in the request's
 * context ({@code aws:CurrentTime}, {@code aws:EpochTime}) like any other condition key, so tests
 * move it by writing a value. The only I/O is {@link dev.outlet.iam.policy.ManagedPolicies} reading
 * its JSON documents from the jar, once.
 *
 * <p>What it must not import: anything that runs functions, stores state or speaks HTTP. It uses
 * Jackson to read JSON and the edge's {@link dev.outlet.edge.AwsException} so that a refused
 * document reaches a client with IAM's code and status without a mapping table.
 */
package dev.outlet.iam.policy;
