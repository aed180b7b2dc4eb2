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
    if (name == null) {
      throw error("null", "userName", "Member must not be null");
    }
    if (name.length() > 64) {
      throw error(quoted(name), "userName", "Member must have length less than or equal to 64");
    }
    if (name.isEmpty() || !NAME.matcher(name).matches()) {
      throw error(
          quoted(name),
          "userName",
          "Member must satisfy regular expression pattern: " + NAME_PATTERN);
    }
    return name;
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
