package dev.outlet.local;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the standard streams are an interactive terminal (for progress bars). */
final class Terminal {
  private Terminal() {}

  static boolean interactive() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    // Since JDK 22 System.console() may exist with redirected streams; Console.isTerminal()
    // (22+) tells. Built for 21, so it is looked up.
    try {
      Method m = Console.class.getMethod("isTerminal");
      return (Boolean) m.invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
