package dev.outlet.api;

/**
 * Whether Lambda may assume a function's execution role, asked by CreateFunction and by an
 * UpdateFunctionConfiguration that names a role; throws Lambda's {@code
 * InvalidParameterValueException} when not. In open mode any well-formed role passes.
 */
@FunctionalInterface
public interface RoleCheck {
  RoleCheck ANY = (function, role) -> {};

  /**
   * @param function the function's name
   * @param roleArn the role it names
   */
  void check(String function, String roleArn);
}
