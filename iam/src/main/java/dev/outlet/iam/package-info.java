/**
 * Identities: the access keys that sign requests to Outlet. {@link dev.outlet.iam.IdentityStore}
 * keeps them in {@code DATA/iam/keys.db}, a SQLite file only its owner can read, and answers the
 * AWS edge's signature check ({@link dev.outlet.edge.SigningKeys}) from memory. Secrets are never
 * logged. Imports the edge (for the lookup it implements) and storage (for durable SQLite), nothing
 * that runs functions.
 */
package dev.outlet.iam;
