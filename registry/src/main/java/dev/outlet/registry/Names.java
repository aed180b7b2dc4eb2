package dev.outlet.registry;

/**
 * ECR's rules for repository names and image tags, checked by hand (no regular expression, so no
 * input can make a match slow).
 */
public final class Names {
  /** ECR's longest repository name. */
  public static final int MAX_NAME = 256;

  /** The longest tag (ECR and the distribution spec). */
  public static final int MAX_TAG = 128;

  private Names() {}

  /**
   * Whether {@code name} is a repository name ECR accepts: 2 to 256 characters, path components of
   * lower-case letters and digits separated by one of {@code . _ -} (the pattern {@code
   * (?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*}).
   */
  public static boolean isRepositoryName(String name) {
    if (name == null || name.length() < 2 || name.length() > MAX_NAME) {
      return false;
    }
    boolean needAlnum = true; // at the start of a component, and after a separator
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (alnum) {
        needAlnum = false;
      } else if (c == '.' || c == '_' || c == '-' || c == '/') {
        if (needAlnum) {
          return false;
        }
        needAlnum = true;
      } else {
        return false;
      }
    }
    return !needAlnum;
  }

  /** Whether {@code tag} is a tag: {@code [A-Za-z0-9_][A-Za-z0-9._-]{0,127}}. */
  public static boolean isTag(String tag) {
    if (tag == null || tag.isEmpty() || tag.length() > MAX_TAG) {
      return false;
    }
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || (i > 0 && (c == '.' || c == '-'));
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
