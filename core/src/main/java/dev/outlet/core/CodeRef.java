package dev.outlet.core;

/**
 * A stored deployment package.
 *
 * @param sha256Hex the SHA-256 of the zip in hex: the content address in the code store
 * @param sha256Base64 the same digest as AWS's {@code CodeSha256} (base64, padded)
 * @param size the zip's size in bytes ({@code CodeSize})
 * @param unzippedSize the total size of its extracted files
 */
public record CodeRef(String sha256Hex, String sha256Base64, long size, long unzippedSize) {}
