package dev.outlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SketchTest {

  @Test
  void quantilesAreWithinTwoPercentOfTheExactNearestRank() {
    Random random = new Random(7);
    double[] values = new double[10_000];
    Sketch sketch = new Sketch();
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.exp(random.nextGaussian() * 2 + 3); // spans several decades
      sketch.add(values[i]);
    }
    Arrays.sort(values);
    for (double q : new double[] {0.01, 0.5, 0.9, 0.99, 1.0}) {
      double exact = values[(int) Math.ceil(q * values.length) - 1];
      assertThat(sketch.quantile(q)).isCloseTo(exact, within(exact * 0.02));
    }
  }

  @Test
  void mergingTwoSketchesEqualsSketchingAllValues() {
    Sketch a = new Sketch();
    Sketch b = new Sketch();
    Sketch all = new Sketch();
    for (int i = 1; i <= 1000; i++) {
      (i % 3 == 0 ? a : b).add(i * 0.37);
      all.add(i * 0.37);
    }
    a.merge(b);
    assertThat(a.toBytes()).isEqualTo(all.toBytes());
    assertThat(a.count()).isEqualTo(1000);
  }

  @Test
  void encodingRoundTripsZerosAndNegativeBucketIndexes() {
    Sketch s = new Sketch();
    s.add(0);
    s.add(-3);
    s.add(0.001);
    s.add(1e6);
    Sketch back = Sketch.fromBytes(s.toBytes());
    assertThat(back.toBytes()).isEqualTo(s.toBytes());
    assertThat(back.quantile(0.5)).isZero();
    assertThat(back.quantile(1.0)).isCloseTo(1e6, within(1e6 * 0.02));
  }

  @Test
  void anEmptySketchHasNoQuantile() {
    assertThat(new Sketch().quantile(0.5)).isNaN();
    assertThat(Sketch.fromBytes(new byte[0]).count()).isZero();
  }
}
