package dev.outlet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outlet.core.AliasRecord;
import dev.outlet.core.LambdaException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pure parts of versions and aliases: numbers, alias rules, routing, paging. */
class VersionRulesTest {
  @Test
  void versionNumbersAreDigitsWithoutSignOrLeadingZero() {
    assertThat(Lineage.number("1")).isEqualTo(1);
    assertThat(Lineage.number("120")).isEqualTo(120);
    assertThat(Lineage.number("01")).isNull();
    assertThat(Lineage.number("-1")).isNull();
    assertThat(Lineage.number("$LATEST")).isNull();
    assertThat(Lineage.number("live")).isNull();
    assertThat(Lineage.number("")).isNull();
    assertThat(Lineage.number("9999999999")).isNull();
  }

  @Test
  void routingSendsTheWeightedShareToTheAdditionalVersion() {
    AliasRecord alias = new AliasRecord("f", "live", "1", "", Map.of("2", 0.3), "r");
    assertThat(AliasRouting.pick(alias, 0.0)).isEqualTo("2");
    assertThat(AliasRouting.pick(alias, 0.2999)).isEqualTo("2");
    assertThat(AliasRouting.pick(alias, 0.3)).isEqualTo("1");
    assertThat(AliasRouting.pick(alias, 0.9999)).isEqualTo("1");
    Random random = new Random(42);
    int additional = 0;
    for (int i = 0; i < 1000; i++) {
      additional += AliasRouting.pick(alias, random.nextDouble()).equals("2") ? 1 : 0;
    }
    double sd = Math.sqrt(1000 * 0.3 * 0.7);
    assertThat((double) additional).isBetween(300 - 3 * sd, 300 + 3 * sd);
    AliasRecord plain = new AliasRecord("f", "live", "3", "", Map.of(), "r");
    assertThat(AliasRouting.pick(plain, 0.0)).isEqualTo("3");
  }

  @Test
  void aliasRulesAreAwss() {
    AliasRules.name("live_2-x");
    assertThatThrownBy(() -> AliasRules.name("12"))
        .isInstanceOf(LambdaException.class)
        .hasMessageContaining("Value '12' at 'name' failed to satisfy constraint");
    assertThatThrownBy(() -> AliasRules.name("a".repeat(129)))
        .hasMessageContaining("Member must have length less than or equal to 128");
    AliasRules.version("$LATEST");
    AliasRules.version("17");
    assertThatThrownBy(() -> AliasRules.version("live"))
        .hasMessageContaining("at 'functionVersion'");
    assertThatThrownBy(() -> AliasRules.weights(Map.of("2", 0.1, "3", 0.1)))
        .hasMessageContaining("cannot be greater than 1");
    assertThatThrownBy(() -> AliasRules.weights(Map.of("2", 1.01)))
        .hasMessageContaining("routingConfig.additionalVersionWeights");
    assertThatThrownBy(() -> AliasRules.weights(Map.of("x", 0.5)))
        .hasMessageContaining("routingConfig.additionalVersionWeights");
    assertThat(AliasRules.weights(Map.of("2", 1.0))).containsEntry("2", 1.0);
    assertThat(AliasRules.description(null)).isEmpty();
  }

  @Test
  void pagesFollowTheMarkerAndStopWithoutOne() {
    List<String> all = List.of("a", "b", "c", "d", "e");
    Paging.Page<String> first = Paging.page(all, null, "2", s -> s, String::toUpperCase);
    assertThat(first.items()).containsExactly("A", "B");
    assertThat(first.nextMarker()).isEqualTo("b");
    Paging.Page<String> last = Paging.page(all, "c", "5", s -> s, s -> s);
    assertThat(last.items()).containsExactly("d", "e");
    assertThat(last.nextMarker()).isNull();
    assertThat(Paging.page(all, null, "900", s -> s, s -> s).items()).hasSize(5);
    assertThatThrownBy(() -> Paging.maxItems("many"))
        .hasMessageContaining("Member must be a number");
  }
}
