/**
 * Reading AWS SAM templates: YAML (with CloudFormation's short tags) or JSON, the subset of {@code
 * AWS::Serverless::Function} and {@code AWS::Serverless::HttpApi} Outlet deploys, intrinsic
 * functions for parameters, pseudo parameters and function references. Pure: no network, no
 * processes; the only I/O is reading the template file. Every property Outlet ignores produces
 * exactly one warning.
 */
package dev.outlet.local.sam;
