package dev.outlet.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.edge.testkit.Fuzz;
import dev.outlet.sandbox.TelemetryHub;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The subscribe and register bodies an extension (any code in a layer) sends: any mutation is
 * either read or refused with a message, never an exception; the documented body is read as AWS
 * reads it.
 */
class SubscribeBodyProperties {
  private static final String DOCUMENTED =
      "{\"schemaVersion\":\"2022-12-13\",\"destination\":{\"protocol\":\"HTTP\","
          + "\"URI\":\"http://sandbox.localdomain:8080/telemetry\"},"
          + "\"types\":[\"platform\",\"function\"],"
          + "\"buffering\":{\"maxItems\":1000,\"maxBytes\":262144,\"timeoutMs\":100}}";

  @Provide
  Arbitrary<byte[]> bodies() {
    return Fuzz.mutationsOf(
        List.of(
            DOCUMENTED.getBytes(StandardCharsets.UTF_8),
            "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}".getBytes(StandardCharsets.UTF_8)));
  }

  @Property(tries = 500)
  void anyBodyIsReadOrRefusedWithAMessage(@ForAll("bodies") byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    for (boolean logs : new boolean[] {false, true}) {
      SubscribeBody.Parsed parsed = SubscribeBody.parse("ext", text, logs);
      if (parsed instanceof SubscribeBody.Parsed.Invalid i) {
        assertThat(i.message()).isNotBlank();
      } else {
        TelemetryHub.Subscription s = ((SubscribeBody.Parsed.Valid) parsed).subscription();
        assertThat(s.port()).isBetween(1, 65535);
        assertThat(s.types()).isNotEmpty().isSubsetOf(SubscribeBody.TYPES);
        assertThat(s.timeoutMs()).isBetween(25, 30_000);
      }
    }
    try {
      assertThat(ExtensionApiHandler.RegisterBody.events(text)).doesNotContainNull();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Example
  void theDocumentedSubscriptionIsReadAsAwsReadsIt() {
    var parsed = (SubscribeBody.Parsed.Valid) SubscribeBody.parse("ext", DOCUMENTED, false);
    assertThat(parsed.subscription())
        .isEqualTo(
            new TelemetryHub.Subscription(
                "ext",
                TelemetryHub.Api.TELEMETRY,
                8080,
                "/telemetry",
                parsed.subscription().types(),
                1000,
                262144,
                100));
    assertThat(List.copyOf(parsed.subscription().types())).containsExactly("platform", "function");
  }

  @Example
  void aDestinationOutsideTheSandboxOrOutOfBoundsBufferingIsRefused() {
    assertThat(
            SubscribeBody.parse(
                "ext", DOCUMENTED.replace("sandbox.localdomain", "example.com"), false))
        .isInstanceOf(SubscribeBody.Parsed.Invalid.class);
    assertThat(SubscribeBody.parse("ext", DOCUMENTED.replace("\"HTTP\"", "\"TCP\""), false))
        .isEqualTo(
            new SubscribeBody.Parsed.Invalid(
                "destination.protocol TCP is not supported by Outlet: subscribe with HTTP"));
    assertThat(SubscribeBody.parse("ext", DOCUMENTED.replace("100}", "5}"), false))
        .isEqualTo(
            new SubscribeBody.Parsed.Invalid("buffering.timeoutMs must be between 25 and 30000"));
    assertThat(SubscribeBody.parse("ext", DOCUMENTED.replace("\"function\"", "\"logs\""), false))
        .isInstanceOf(SubscribeBody.Parsed.Invalid.class);
  }
}
