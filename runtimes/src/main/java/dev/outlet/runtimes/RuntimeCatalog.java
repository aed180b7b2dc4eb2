package dev.outlet.runtimes;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which interpreter serves a managed runtime (pure):
 *
 * <ol>
 *   <li>one an operator mapped to the id ({@code serve --runtime python3.12=/usr/bin/python3.11});
 *   <li>Python and Node.js: an interpreter of the id's own version (3.12 for python3.12, 22 for
 *       nodejs22.x): a minor version changes the language and the ABI of native modules;
 *   <li>Java: a JDK of the id's major version, or else the nearest newer one, said in the log
 *       (class files run unchanged on a newer JVM).
 * </ol>
 *
 * Otherwise the runtime is unavailable, with a message naming what to install.
 */
public final class RuntimeCatalog {
  private RuntimeCatalog() {}

  /**
   * @param found what {@link HostInterpreters#find} found
   * @param mapped interpreters named by the operator, by runtime id
   */
  public static Resolution resolve(
      RuntimeId id, List<Interpreter> found, Map<String, Interpreter> mapped) {
    Interpreter chosen = mapped.get(id.id());
    if (chosen != null) {
      return new Resolution.Served(
          chosen,
          List.of(
              "[outlet] "
                  + id.id()
                  + " runs on "
                  + chosen.describe()
                  + ", as mapped by serve --runtime "
                  + id.id()
                  + "="
                  + chosen.executable()),
          true);
    }
    List<Interpreter> family = found.stream().filter(i -> i.family() == id.family()).toList();
    Optional<Interpreter> exact =
        family.stream().filter(i -> i.languageVersion().equals(id.version())).findFirst();
    if (exact.isPresent()) {
      return new Resolution.Served(exact.get(), List.of(), false);
    }
    if (id.family() == Family.JAVA) {
      Optional<Interpreter> newer =
          family.stream()
              .filter(i -> i.major() > id.major())
              .min(Comparator.comparingInt(Interpreter::major));
      if (newer.isPresent()) {
        return new Resolution.Served(
            newer.get(),
            List.of(
                "[outlet] "
                    + id.id()
                    + " runs on JDK "
                    + newer.get().version()
                    + " ("
                    + newer.get().home()
                    + "): no JDK "
                    + id.major()
                    + " is installed here, and classes built for Java "
                    + id.major()
                    + " run unchanged on a newer one."),
            false);
      }
    }
    return new Resolution.Unavailable(missing(id, family));
  }

  private static String missing(RuntimeId id, List<Interpreter> family) {
    String have =
        family.isEmpty()
            ? "this host has none"
            : "this host has "
                + family.stream().map(Interpreter::describe).collect(Collectors.joining(", "));
    return switch (id.family()) {
      case PYTHON ->
          "Outlet cannot run "
              + id.id()
              + " here: no Python "
              + id.version()
              + " interpreter was found in /usr/local/bin or /usr/bin ("
              + have
              + "). Install python"
              + id.version()
              + " (apt-get install python"
              + id.version()
              + " where your distribution has it), or serve "
              + id.id()
              + " with another interpreter: outlet serve --runtime "
              + id.id()
              + "="
              + (family.isEmpty() ? "/path/to/python3" : family.getLast().executable());
      case NODEJS ->
          "Outlet cannot run "
              + id.id()
              + " here: no Node.js "
              + id.major()
              + " was found in /usr/local/bin or /usr/bin ("
              + have
              + "). Install Node.js "
              + id.major()
              + " (apt-get install nodejs from a repository that has it), or serve "
              + id.id()
              + " with another one: outlet serve --runtime "
              + id.id()
              + "="
              + (family.isEmpty() ? "/path/to/node" : family.getLast().executable());
      case JAVA ->
          "Outlet cannot run "
              + id.id()
              + " here: no JDK "
              + id.major()
              + " or newer was found under /usr/lib/jvm ("
              + have
              + "). Install one: apt-get install openjdk-"
              + id.major()
              + "-jdk-headless, or a Temurin "
              + id.major()
              + "+ JDK under /usr/lib/jvm, or serve "
              + id.id()
              + " with a JDK of your choice: outlet serve --runtime "
              + id.id()
              + "=/path/to/jdk/bin/java";
    };
  }
}
