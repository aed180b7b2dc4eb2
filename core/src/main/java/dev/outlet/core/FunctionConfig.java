package dev.outlet.core;

import java.util.Map;

/**
 * The settings a user chose for a function, validated. Immutable; an update makes a new one.
 *
 * @param environment the variables, or null when Environment was never set (AWS then omits it)
 */
public record FunctionConfig(
    String runtime,
    String handler,
    String role,
    String description,
    int memorySize,
    int timeout,
    Architecture architecture,
    int ephemeralStorage,
    Map<String, String> environment) {

  public FunctionConfig {
    environment = environment == null ? null : Map.copyOf(environment);
  }

  public FunctionConfig withHandler(String value) {
    return new FunctionConfig(
        runtime,
        value,
        role,
        description,
        memorySize,
        timeout,
        architecture,
        ephemeralStorage,
        environment);
  }
}
