package dev.outlet.sqs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digests SQS answers and SDKs verify: the MD5 of a body's UTF-8 bytes, and the MD5 of message
 * attributes as AWS documents it: attributes sorted by name, each as the name, the data type, one
 * transport byte (1 for String and Number, 2 for Binary) and the value, every variable part led by
 * its length as a 4-byte big-endian integer. Pure.
 */
final class Md5s {
  private Md5s() {}

  /** The lowercase hex MD5 of {@code body}'s UTF-8 bytes. */
  static String ofBody(String body) {
    MessageDigest md5 = md5();
    md5.update(body.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(md5.digest());
  }

  /** The MD5 of {@code attributes}, or null when there are none (AWS then sends no digest). */
  static String ofAttributes(Map<String, MessageAttribute> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return null;
    }
    MessageDigest md5 = md5();
    for (Map.Entry<String, MessageAttribute> e : new TreeMap<>(attributes).entrySet()) {
      MessageAttribute a = e.getValue();
      update(md5, e.getKey().getBytes(StandardCharsets.UTF_8));
      update(md5, a.dataType().getBytes(StandardCharsets.UTF_8));
      if (a.isBinary()) {
        md5.update((byte) 2);
        update(md5, a.binaryValue());
      } else {
        md5.update((byte) 1);
        update(md5, a.stringValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  private static void update(MessageDigest md5, byte[] bytes) {
    md5.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    md5.update(bytes);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }
}
