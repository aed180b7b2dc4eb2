package dev.outlet.invoke;

/**
 * How far a spec's provisioned sandboxes are: how many are initialized (idle or serving), and why
 * provisioning stopped, if it did (a sandbox whose init failed is not replaced).
 */
public record ProvisionProgress(int ready, String failure) {}
