/**
 * Outlet's container registry: the OCI Distribution API under {@code /v2/} on Outlet's endpoint
 * ({@link dev.outlet.registry.RegistryHttp}) and the ECR API subset on the AWS edge ({@link
 * dev.outlet.registry.EcrService}), over one {@link dev.outlet.registry.Registry} per server.
 *
 * <p>Owns {@code DATA/registry}: blobs content-addressed at {@code blobs/sha256/<hex>} (shared by
 * every repository, written to {@code uploads/} and renamed only once their digest matched),
 * repositories, blob links, manifests and tags in {@code registry.db} (durable SQLite), and the key
 * of the login tokens. Parsers of what the network sends ({@link dev.outlet.registry.Digest},
 * {@link dev.outlet.registry.Names}, {@link dev.outlet.registry.RegistryPath}, {@link
 * dev.outlet.registry.ContentRange}, {@link dev.outlet.registry.ManifestParser}) are pure and
 * property-tested. Imports the edge (Vert.x, Jackson) and storage only; nothing of Lambda.
 */
package dev.outlet.registry;
