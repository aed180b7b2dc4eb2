package dev.outlet.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variables that make the C library's dynamic loader load code or write files ({@code LD_PRELOAD},
 * {@code LD_LIBRARY_PATH}, {@code GLIBC_TUNABLES}, ...), kept away from the processes that run as
 * root before the sandbox drops to uid 993: the host's {@code sh} that joins the cgroups,
 * bubblewrap, and setpriv inside the sandbox. An image's {@code Env} (or the function's variables)
 * could otherwise name a library in Outlet's data folder, whose paths an image's author can guess
 * from its digest. They travel renamed ({@value #PREFIX}{@code NAME}) and are restored as uid 993,
 * just before the image's command ({@link #RESTORE}). Pure.
 */
final class LoaderVariables {
  static final String PREFIX = "OUTLET_SAVED_";

  /** glibc's variables it ignores for setuid programs, of them those that load or write. */
  static final List<String> NAMES =
      List.of(
          "LD_PRELOAD",
          "LD_LIBRARY_PATH",
          "LD_AUDIT",
          "LD_DEBUG",
          "LD_DEBUG_OUTPUT",
          "LD_PROFILE",
          "LD_PROFILE_OUTPUT",
          "GCONV_PATH",
          "GLIBC_TUNABLES",
          "MALLOC_TRACE");

  /** Shell code that puts the renamed variables back under their names. */
  static final String RESTORE =
      "for v in "
          + String.join(" ", NAMES)
          + "; do eval \"if [ -n \\\"\\${"
          + PREFIX
          + "$v+x}\\\" ]; then export $v=\\\"\\$"
          + PREFIX
          + "$v\\\"; unset "
          + PREFIX
          + "$v; fi\"; done; ";

  private LoaderVariables() {}

  /** {@code environment} with the loader's variables renamed, in the same order. */
  static Map<String, String> saved(Map<String, String> environment) {
    Map<String, String> out = new LinkedHashMap<>();
    environment.forEach((k, v) -> out.put(NAMES.contains(k) ? PREFIX + k : k, v));
    return out;
  }
}
