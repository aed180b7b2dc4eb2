package dev.outlet.runtimes;

import java.util.List;

/** What serves a managed runtime on this host: an interpreter, or nothing and what to do. */
public sealed interface Resolution {

  /**
   * @param notices lines for the function's log at each cold start (a substitute interpreter, an
   *     operator's mapping)
   * @param mapped whether an operator named the interpreter ({@code serve --runtime ID=PATH})
   */
  record Served(Interpreter interpreter, List<String> notices, boolean mapped)
      implements Resolution {
    public Served {
      notices = List.copyOf(notices);
    }
  }

  /**
   * @param message the InvalidParameterValueException's message: what is missing, how to fix it
   */
  record Unavailable(String message) implements Resolution {}
}
