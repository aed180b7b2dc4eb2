package dev.outlet.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The digests against values computed by the AWS SDK for Java v2 (2.57.8) itself, whose {@code
 * MessageMD5ChecksumInterceptor} verifies them on every send and receive.
 */
class Md5sTest {
  @Test
  void theBodyDigestIsTheMd5OfItsUtf8Bytes() {
    assertThat(Md5s.ofBody("hello")).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    assertThat(Md5s.ofBody("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
  }

  @Test
  void attributesDigestAsTheSdkComputesIt() {
    assertThat(Md5s.ofAttributes(Map.of("a", new MessageAttribute("b", null, "String"))))
        .isEqualTo("bef8bf215374a0a228d67533b1a488be");
    Map<String, MessageAttribute> three = new LinkedHashMap<>();
    three.put("raw", new MessageAttribute(null, new byte[] {0, 1, 2, (byte) 255}, "Binary"));
    three.put("count", new MessageAttribute("7", null, "Number.int"));
    three.put("color", new MessageAttribute("blü", null, "String"));
    assertThat(Md5s.ofAttributes(three))
        .as("sorted by name whatever the order given; Binary with transport byte 2")
        .isEqualTo("7996c11e64a314613266a586a9376134");
  }

  @Test
  void noAttributesHaveNoDigest() {
    assertThat(Md5s.ofAttributes(Map.of())).isNull();
    assertThat(Md5s.ofAttributes(null)).isNull();
  }
}
