package dev.outlet.sqs;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Receipt handles: opaque to clients, they name a message (its sequence number) and the receive
 * that handed it out (the receive count then), so any handle of a message deletes it while only the
 * latest changes its visibility. Pure but for the random part.
 */
final class ReceiptHandles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ReceiptHandles() {}

  /** What a handle names. */
  record Handle(long seq, int receiveCount) {}

  static String of(StoredMessage m) {
    byte[] nonce = new byte[24];
    RANDOM.nextBytes(nonce);
    String text = m.seq() + ":" + m.receiveCount() + ":" + HexFormat.of().formatHex(nonce);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** What {@code handle} names; {@code ReceiptHandleIsInvalid} when it is not one of ours. */
  static Handle parse(String handle) {
    if (handle == null || handle.isEmpty()) {
      throw SqsError.missing("ReceiptHandle");
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(handle), StandardCharsets.UTF_8);
      String[] parts = text.split(":", -1);
      if (parts.length == 3 && parts[2].length() == 48) {
        return new Handle(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
      }
    } catch (IllegalArgumentException e) {
      // not base64 or not numbers: refused below
    }
    throw SqsError.RECEIPT_HANDLE_IS_INVALID.with(
        "The input receipt handle \"" + handle + "\" is not a valid receipt handle.");
  }
}
