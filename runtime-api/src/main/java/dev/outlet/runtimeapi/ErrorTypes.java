package dev.outlet.runtimeapi;

import dev.outlet.core.FunctionErrorType;
import java.util.regex.Pattern;

/** Normalizes {@code Lambda-Runtime-Function-Error-Type} as the platform does (RIE). */
final class ErrorTypes {
  private static final Pattern VALID = Pattern.compile("(Runtime|Function)\\.[A-Z][a-zA-Z]+");

  private static final Pattern EXTENSION = Pattern.compile("Extension\\.[A-Z][a-zA-Z]+");

  private ErrorTypes() {}

  /** {@code Lambda-Extension-Function-Error-Type}: {@code Extension.<Reason>}, else unknown. */
  static String ofExtension(String header) {
    return header != null && EXTENSION.matcher(header).matches()
        ? header
        : "Extension.UnknownReason";
  }

  static String of(String header) {
    if (header == null || header.isEmpty()) {
      return FunctionErrorType.RUNTIME_UNKNOWN.wireName();
    }
    if (VALID.matcher(header).matches()) {
      return header;
    }
    return header.startsWith("Function.")
        ? FunctionErrorType.FUNCTION_UNKNOWN.wireName()
        : FunctionErrorType.RUNTIME_UNKNOWN.wireName();
  }
}
