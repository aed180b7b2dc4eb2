package dev.outlet.iam.policy;

/**
 * Whether a resource-based statement's {@code Principal} names the caller:
 *
 * <ol>
 *   <li>{@code "*"} and {@code {"AWS": "*"}} name anyone.
 *   <li>An account, as its root ARN ({@code arn:aws:iam::123456789012:root}) or its bare id, names
 *       every principal of that account (the account then delegates to its own identity policies).
 *   <li>Any other {@code AWS} ARN names that principal exactly; a role's ARN also names the
 *       sessions of that role ({@code arn:aws:sts::123456789012:assumed-role/NAME/SESSION}).
 *   <li>{@code Service}, {@code Federated} and {@code CanonicalUser} name the caller by equality
 *       (service principals case-insensitively).
 * </ol>
 *
 * {@code NotPrincipal} inverts the answer.
 */
final class PrincipalMatcher {
  private PrincipalMatcher() {}

  static boolean matches(Principals principals, String caller) {
    return named(principals, caller) != principals.negated();
  }

  private static boolean named(Principals principals, String caller) {
    if (principals.anyone()) {
      return true;
    }
    for (String id : principals.of("AWS")) {
      if (aws(id, caller)) {
        return true;
      }
    }
    for (String id : principals.of("Service")) {
      if (id.equalsIgnoreCase(caller)) {
        return true;
      }
    }
    for (String type : new String[] {"Federated", "CanonicalUser"}) {
      if (principals.of(type).contains(caller)) {
        return true;
      }
    }
    return false;
  }

  private static boolean aws(String id, String caller) {
    if (id.equals("*") || id.equals(caller)) {
      return true;
    }
    String account = accountOf(id);
    if (account != null) {
      return account.equals(Arns.account(caller));
    }
    return sessionOfRole(id, caller);
  }

  /** The account an identifier names as a whole (bare id or root ARN), or null. */
  private static String accountOf(String id) {
    if (id.length() == 12 && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return id;
    }
    if (id.startsWith("arn:") && id.endsWith(":root")) {
      String account = Arns.account(id);
      if (account != null && id.equals("arn:" + partition(id) + ":iam::" + account + ":root")) {
        return account;
      }
    }
    return null;
  }

  private static boolean sessionOfRole(String roleArn, String caller) {
    String account = Arns.account(roleArn);
    String accountOfCaller = Arns.account(caller);
    if (account == null || !account.equals(accountOfCaller)) {
      return false;
    }
    String rolePrefix = "arn:" + partition(roleArn) + ":iam::" + account + ":role/";
    String sessionPrefix = "arn:" + partition(caller) + ":sts::" + account + ":assumed-role/";
    if (!roleArn.startsWith(rolePrefix) || !caller.startsWith(sessionPrefix)) {
      return false;
    }
    String rolePath = roleArn.substring(rolePrefix.length());
    String roleName = rolePath.substring(rolePath.lastIndexOf('/') + 1);
    String session = caller.substring(sessionPrefix.length());
    int slash = session.indexOf('/');
    return slash > 0 && session.substring(0, slash).equals(roleName);
  }

  private static String partition(String arn) {
    int end = arn.indexOf(':', 4);
    return end < 0 ? "" : arn.substring(4, end);
  }
}
