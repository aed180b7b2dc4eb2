package dev.outlet.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Runtime version ARNs, as Lambda names a runtime version. Pure. */
public final class RuntimeVersions {
  private RuntimeVersions() {}

  /**
   * A stable ARN per runtime version ({@code arn:aws:lambda:REGION::runtime:<64 hex>}): the same
   * version always gets the same ARN, another interpreter another one.
   */
  public static String arn(String region, String runtimeVersion) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(("outlet:" + runtimeVersion).getBytes(StandardCharsets.UTF_8));
      return "arn:aws:lambda:" + region + "::runtime:" + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
