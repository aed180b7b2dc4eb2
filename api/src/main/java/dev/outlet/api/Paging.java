package dev.outlet.api;

import dev.outlet.core.LambdaException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Lambda's list paging: at most 50 items a page whatever {@code MaxItems} asks; {@code Marker} is
 * the key of the last item of the previous page; {@code NextMarker} is left out on the last page.
 * Pure.
 */
public final class Paging {
  static final int PAGE = 50;

  /** A page and the marker of the next one (null on the last page). */
  public record Page<T>(List<T> items, String nextMarker) {}

  private Paging() {}

  /** {@code MaxItems} as AWS reads it: a number, capped to the page size. */
  static int maxItems(String raw) {
    if (raw == null) {
      return PAGE;
    }
    try {
      return Math.max(1, Math.min(PAGE, Integer.parseInt(raw)));
    } catch (NumberFormatException e) {
      throw LambdaException.validation(raw, "maxItems", "Member must be a number");
    }
  }

  /**
   * The page after {@code marker} of {@code all} (in order), each item keyed by {@code key} and
   * shown by {@code view}.
   */
  public static <S, T> Page<T> page(
      List<S> all, String marker, String maxItems, Function<S, String> key, Function<S, T> view) {
    int max = maxItems(maxItems);
    int start = 0;
    if (marker != null) {
      start = all.size();
      for (int i = 0; i < all.size(); i++) {
        if (key.apply(all.get(i)).equals(marker)) {
          start = i + 1;
          break;
        }
      }
    }
    List<T> items = new ArrayList<>();
    int end = Math.min(all.size(), start + max);
    for (int i = start; i < end; i++) {
      items.add(view.apply(all.get(i)));
    }
    return new Page<>(items, end < all.size() ? key.apply(all.get(end - 1)) : null);
  }
}
