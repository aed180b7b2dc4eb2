package dev.outlet.registry;

import java.util.Optional;

/**
 * A function's {@code ImageUri}, split: {@code [host/]repository(:tag|@sha256:hex)}. The host is
 * whatever the user wrote (Outlet's {@code 127.0.0.1:PORT}, or an ECR host such as {@code
 * 123456789012.dkr.ecr.us-east-1.amazonaws.com} in a template written for AWS): the repository is
 * looked up in Outlet's one registry either way. Pure.
 *
 * @param host the registry host, or empty when the URI names none
 * @param repository the repository name
 * @param reference the tag or the digest
 */
public record ImageUri(Optional<String> host, String repository, String reference) {

  /**
   * Parses {@code uri}; empty when it names no repository, or neither a tag nor a digest (AWS
   * refuses an ImageUri without one).
   */
  public static Optional<ImageUri> parse(String uri) {
    String rest = uri;
    String reference;
    int at = rest.indexOf('@');
    if (at >= 0) {
      reference = rest.substring(at + 1);
      rest = rest.substring(0, at);
      try {
        Digest.parse(reference);
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    } else {
      int colon = rest.lastIndexOf(':');
      if (colon < 0 || colon < rest.lastIndexOf('/')) {
        return Optional.empty();
      }
      reference = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!Names.isTag(reference)) {
        return Optional.empty();
      }
    }
    Optional<String> host = Optional.empty();
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        host = Optional.of(first);
        rest = rest.substring(slash + 1);
      }
    }
    if (rest.isEmpty() || !Names.isRepositoryName(rest)) {
      return Optional.empty();
    }
    return Optional.of(new ImageUri(host, rest, reference));
  }

  /** Whether the reference is a digest rather than a tag. */
  public boolean byDigest() {
    return Digest.looksLikeDigest(reference);
  }

  /** The repository's URI as the user wrote it, with {@code fallbackHost} when it named none. */
  public String repositoryUri(String fallbackHost) {
    return host.orElse(fallbackHost) + "/" + repository;
  }
}
