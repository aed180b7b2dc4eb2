package dev.outlet.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Pages of a listing by {@code maxResults} and an opaque {@code nextToken} (an offset). */
final class Pages {
  private Pages() {}

  record Page<T>(List<T> items, String nextToken) {}

  static <T> Page<T> of(List<T> all, Integer maxResults, String nextToken, int most) {
    if (maxResults != null && (maxResults < 1 || maxResults > most)) {
      throw EcrErrors.constraint(
          "maxResults", maxResults, "Member must have value between 1 and " + most);
    }
    int from = 0;
    if (nextToken != null) {
      try {
        from =
            Integer.parseInt(
                new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw EcrErrors.invalid("Invalid parameter at 'nextToken' failed to satisfy constraint");
      }
      if (from < 0 || from > all.size()) {
        throw EcrErrors.invalid("Invalid parameter at 'nextToken' failed to satisfy constraint");
      }
    }
    int size = maxResults == null ? most : maxResults;
    int to = Math.min(all.size(), from + size);
    String next =
        to < all.size()
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8))
            : null;
    return new Page<>(all.subList(from, to), next);
  }
}
