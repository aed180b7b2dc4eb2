package dev.outlet.console;

import dev.outlet.edge.Authorizer;
import dev.outlet.edge.SigningKeys;
import java.nio.file.Path;

/**
 * What the console needs from the server it is part of.
 *
 * @param iam whether requests are verified ({@code --auth iam}): the console then asks for an
 *     access key and signs each call with it
 * @param endpoint the server's own AWS endpoint, e.g. {@code http://127.0.0.1:9070}, where the
 *     proxy sends the console's calls
 * @param keys where a signing-in key's secret is found
 * @param authorizer decides the console's own reads, as the API's
 * @param devAssets a folder to serve the pages from instead of the jar (developing the console), or
 *     null
 */
public record ConsoleSettings(
    boolean iam,
    String accountId,
    String region,
    String endpoint,
    SigningKeys keys,
    Authorizer authorizer,
    Path devAssets) {

  /** The function's ARN, as policies name it. */
  String functionArn(String name) {
    return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
  }

  /** A log group's ARN, as CloudWatch Logs' policies name it for group operations. */
  String logGroupArn(String group) {
    return "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + group + ":*";
  }
}
