package dev.outlet.images;

/**
 * One platform's image, resolved and verified: the digest of its manifest (what a root filesystem
 * is cached under and {@code ResolvedImageUri} names), the manifest and the config.
 */
public record Image(Digest manifestDigest, ImageManifest manifest, ImageConfig config) {}
