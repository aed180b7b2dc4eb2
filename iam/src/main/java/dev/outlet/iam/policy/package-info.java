/**
 * IAM policy documents and their evaluation, pure: {@link dev.outlet.iam.policy.PolicyParser} reads
 * a document's JSON into records (refusing what IAM refuses, with its messages), and {@link
 * dev.outlet.iam.policy.PolicyEvaluator} decides a request against a set of documents as AWS does:
 * an explicit Deny wins, else an Allow allows, else the request is implicitly denied. No I/O, no
 * clock (time-based condition keys come in the request's context); thread-safe.
 */
package dev.outlet.iam.policy;
