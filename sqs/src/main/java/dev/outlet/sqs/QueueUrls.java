package dev.outlet.sqs;

import dev.outlet.edge.Call;
import java.util.regex.Pattern;

/**
 * Queue URLs: {@code <scheme>://<the Host the request came with>/<account>/<name>}, and the queue
 * name a URL (any host: SDKs may send AWS's) or a query request's path names. Pure.
 */
final class QueueUrls {
  /** A queue's path: {@code /<12-digit account>/<name>}. */
  static final Pattern PATH = Pattern.compile("/(\\d{12})/([A-Za-z0-9_-]{1,80}(\\.fifo)?)/?");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  private QueueUrls() {}

  static String of(Call call, String scheme, String account, String name) {
    String host = call.head().header().apply("Host");
    return scheme
        + "://"
        + (host == null || host.isBlank() ? "localhost" : host)
        + "/"
        + account
        + "/"
        + name;
  }

  /**
   * The queue name {@code url} (or, when null, the request's path) names in {@code account}; {@code
   * MissingParameter} without either, {@code QueueDoesNotExist} for another account's or a
   * malformed URL.
   */
  static String name(String url, String path, String account) {
    String target = url;
    if (target == null || target.isEmpty()) {
      if (path == null || !PATH.matcher(path).matches()) {
        throw SqsError.missing("QueueUrl");
      }
      target = path;
    }
    int scheme = target.indexOf("://");
    String rest = scheme < 0 ? target : target.substring(scheme + 3);
    int slash = scheme < 0 ? 0 : rest.indexOf('/');
    var m = PATH.matcher(slash < 0 ? "" : rest.substring(slash));
    if (!m.matches() || !m.group(1).equals(account)) {
      throw SqsError.noQueue();
    }
    return m.group(2);
  }

  /**
   * Checks a new queue's name: up to 80 of {@code A-Za-z0-9_-}, or, for a FIFO queue ({@link
   * Fifo#creates} checked it), ending with {@code .fifo}.
   */
  static void checkName(String name, boolean fifo) {
    if (name == null || name.isEmpty()) {
      throw SqsError.missing("QueueName");
    }
    if (!fifo && !NAME.matcher(name).matches()) {
      throw SqsError.INVALID_PARAMETER_VALUE.with(
          "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
  }
}
