package dev.outlet.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QueryFormTest {

  @Test
  void membersBecomeListsAndDotsMembers() {
    ObjectNode form =
        QueryForm.parse(
            "Action=GetMetricStatistics&Dimensions.member.2.Name=B&Dimensions.member.1.Name=A"
                + "&Statistics.member.1=Sum&Period=60&Namespace=AWS%2FLambda");
    assertThat(form.path("Action").textValue()).isEqualTo("GetMetricStatistics");
    assertThat(form.path("Dimensions").get(0).path("Name").textValue()).isEqualTo("A");
    assertThat(form.path("Dimensions").get(1).path("Name").textValue()).isEqualTo("B");
    assertThat(form.path("Statistics").get(0).textValue()).isEqualTo("Sum");
    assertThat(form.path("Namespace").textValue()).isEqualTo("AWS/Lambda");
  }

  @Test
  void oddFormsStillGiveAnObject() {
    assertThat(QueryForm.parse("member.1=a").isObject()).isTrue();
    assertThat(QueryForm.parse(".=x&..=y&a.=z").isObject()).isTrue();
    assertThat(QueryForm.parse("").size()).isZero();
  }

  @Test
  void badEscapesAndDeepNamesAreMalformed() {
    assertThatThrownBy(() -> QueryForm.parse("Action=%zz"))
        .isInstanceOf(Protocol.MalformedBody.class);
    assertThatThrownBy(() -> QueryForm.parse("a" + ".b".repeat(100_000) + "=1"))
        .isInstanceOf(Protocol.MalformedBody.class)
        .hasMessageContaining("nested too deeply");
  }

  /** Fuzz: any form either parses to an object or is refused as malformed. */
  @Test
  void anyInputParsesOrIsMalformed() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    String alphabet = "ab.=&%1member2Action3\u00e9+ ";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(40);
      for (int j = 0; j < n; j++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String input = b.toString();
      try {
        assertThat(QueryForm.parse(input).isObject()).as("seed %d: %s", seed, input).isTrue();
      } catch (Protocol.MalformedBody expected) {
        // refused cleanly
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + ", input " + input, e);
      }
    }
  }
}
