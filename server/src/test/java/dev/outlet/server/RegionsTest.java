package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which names open a region's namespace, and which region a resource ARN names. Pure. */
class RegionsTest {

  @Test
  void awsRegionNamesAreRegionsAndOtherScopesAreNot() {
    assertThat(Regions.isName("us-east-1")).isTrue();
    assertThat(Regions.isName("eu-central-2")).isTrue();
    assertThat(Regions.isName("ap-southeast-5")).isTrue();
    assertThat(Regions.isName("us-gov-west-1")).isTrue();
    assertThat(Regions.isName("cn-northwest-1")).isTrue();
    assertThat(Regions.isName("eusc-de-east-1")).isTrue();
    assertThat(Regions.isName(null)).isFalse();
    assertThat(Regions.isName("")).isFalse();
    assertThat(Regions.isName("local")).isFalse();
    assertThat(Regions.isName("us-east-1/../../etc")).isFalse();
    assertThat(Regions.isName("US-EAST-1")).isFalse();
    assertThat(Regions.isName("us-east-12")).isFalse();
  }

  @Test
  void anArnsRegionIsItsFourthField() {
    assertThat(Regions.arnRegion("arn:aws:lambda:eu-west-1:000000000000:function:f:1"))
        .isEqualTo("eu-west-1");
    assertThat(Regions.arnRegion("arn:aws:iam::000000000000:role/r")).isNull();
    assertThat(Regions.arnRegion("arn:aws:lambda")).isNull();
    assertThat(Regions.arnRegion("f")).isNull();
    assertThat(Regions.arnRegion(null)).isNull();
  }
}
