package dev.outlet.iam;

import java.util.regex.Pattern;

/** IAM's constraints on names, paths and statuses, with its messages. Pure. */
final class IamValidation {
  private static final String NAME_PATTERN = "[\\w+=,.@-]+";
  private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
  private static final String PATH_PATTERN = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)";
  private static final Pattern PATH = Pattern.compile(PATH_PATTERN);

  private IamValidation() {}

  static String userName(String name) {
    return name(name, "userName", 64);
  }

  static String roleName(String name) {
    return name(name, "roleName", 64);
  }

  /** An inline or customer managed policy's name. */
  static String policyName(String name) {
    return name(name, "policyName", 128);
  }

  static String name(String name, String member, int max) {
    if (name == null) {
      throw error("null", member, "Member must not be null");
    }
    if (name.length() > max) {
      throw error(quoted(name), member, "Member must have length less than or equal to " + max);
    }
    if (name.isEmpty() || !NAME.matcher(name).matches()) {
      throw error(
          quoted(name), member, "Member must satisfy regular expression pattern: " + NAME_PATTERN);
    }
    return name;
  }

  /** STS's RoleSessionName: 2 to 64 of {@code [\w+=,.@-]}. */
  static String sessionName(String name) {
    String member = "roleSessionName";
    if (name == null) {
      throw error("null", member, "Member must not be null");
    }
    if (name.length() < 2) {
      throw error(quoted(name), member, "Member must have length greater than or equal to 2");
    }
    if (name.length() > 64) {
      throw error(quoted(name), member, "Member must have length less than or equal to 64");
    }
    if (!NAME.matcher(name).matches()) {
      throw error(
          quoted(name), member, "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    }
    return name;
  }

  /** A whole number of seconds within {@code [min, max]}, or {@code absent} when not sent. */
  static int seconds(String value, String member, int min, int max, int absent) {
    if (value == null) {
      return absent;
    }
    long n;
    try {
      n = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw IamException.validation("Invalid value for parameter " + member + ": " + value);
    }
    if (n < min) {
      throw error(quoted(value), member, "Member must have value greater than or equal to " + min);
    }
    if (n > max) {
      throw error(quoted(value), member, "Member must have value less than or equal to " + max);
    }
    return (int) n;
  }

  static String description(String description) {
    if (description != null && description.length() > 1000) {
      throw error(
          quoted(description), "description", "Member must have length less than or equal to 1000");
    }
    return description;
  }

  static String required(String value, String member) {
    if (value == null) {
      throw error("null", member, "Member must not be null");
    }
    return value;
  }

  /** ListPolicies' Scope: All (the default), AWS or Local. */
  static String scope(String scope) {
    if (scope == null) {
      return "All";
    }
    if (!scope.equals("All") && !scope.equals("AWS") && !scope.equals("Local")) {
      throw error(quoted(scope), "scope", "Member must satisfy enum value set: [All, AWS, Local]");
    }
    return scope;
  }

  static String path(String path) {
    if (path == null) {
      return "/";
    }
    if (path.length() > 512 || !PATH.matcher(path).matches()) {
      throw error(
          quoted(path), "path", "Member must satisfy regular expression pattern: " + PATH_PATTERN);
    }
    return path;
  }

  static String accessKeyId(String id) {
    if (id == null) {
      throw error("null", "accessKeyId", "Member must not be null");
    }
    return id;
  }

  static AccessKey.Status status(String status) {
    if (status == null) {
      throw error("null", "status", "Member must not be null");
    }
    for (AccessKey.Status s : AccessKey.Status.values()) {
      if (s.name().equals(status)) {
        return s;
      }
    }
    throw error(quoted(status), "status", "Member must satisfy enum value set: [Active, Inactive]");
  }

  private static String quoted(String v) {
    return "'" + v + "'";
  }

  private static IamException error(String value, String member, String constraint) {
    return IamException.validation(
        "1 validation error detected: Value "
            + value
            + " at '"
            + member
            + "' failed to satisfy constraint: "
            + constraint);
  }
}
