/**
 * Container images turned into root filesystems a sandbox can run (issue 17, item 3).
 *
 * <p>What it owns: reading an image from an OCI layout directory, a {@code docker save} or {@code
 * oci-archive} tarball, or any content-addressed store behind {@link dev.outlet.images.BlobSource}
 * (index or manifest list, then the platform's manifest, config and layers, every blob checked
 * against its digest while it streams); unpacking the layers in order into {@code
 * <root>/<algorithm>-<hex>/rootfs} ({@link dev.outlet.images.RootfsStore}); and the command,
 * working directory and environment a sandbox runs from the image's config and the function's
 * {@code ImageConfig} ({@link dev.outlet.images.ImageLaunch}).
 *
 * <p>Bad input (a digest that does not match, a layer that is no tar, a path leaving the root, a
 * layer bomb) is an {@link dev.outlet.images.ImageException} with a message naming the layer and
 * the entry; a local fault writing the tree (disk full) stays an {@link java.io.IOException}.
 *
 * <p>It must not import the sandbox, the registry or any HTTP code: the registry implements {@link
 * dev.outlet.images.BlobSource}, and the sandbox launch binds the root filesystem it is given.
 */
package dev.outlet.images;
