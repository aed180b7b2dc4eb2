package dev.outlet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.core.FunctionRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The stored-instant reader agrees with {@link Instant#parse} on every string it accepts. */
class StoredInstantsProperties {

  @Property(tries = 3000)
  void everyInstantReadsBackFromItsOwnString(@ForAll("instants") Instant i) {
    assertThat(StoredInstants.parse(i.toString())).isEqualTo(i);
  }

  /** Strings near the form (one character changed, cut, lengthened): same answer or none. */
  @Property(tries = 5000)
  void aStringItAcceptsIsTheInstantJavaReadsFromIt(@ForAll("nearForms") String s) {
    Instant fast = StoredInstants.parse(s);
    if (fast != null) {
      assertThat(fast).isEqualTo(Instant.parse(s));
    }
  }

  @Property(tries = 2000)
  void anyStringIsReadWithoutAnException(@ForAll String s) {
    Instant fast = StoredInstants.parse(s);
    if (fast != null) {
      assertThat(fast).isEqualTo(Instant.parse(s));
    }
  }

  @Example
  void otherFormsGoToTheGeneralReaderThroughTheRecordMapper() {
    FunctionRecord r = TestRecords.record("f", "r1");
    String json = FunctionRecordJson.write("f", r);
    String at = "\"lastModified\":\"" + r.lastModified() + "\"";
    assertThat(json).contains(at);
    String offset = json.replace(at, "\"lastModified\":\"2026-12-07T18:50:10.5+02:00\"");
    assertThat(FunctionRecordJson.read("f", offset, FunctionRecord.class).lastModified())
        .isEqualTo(Instant.parse("2026-12-07T16:50:10.500Z"));
    String day = json.replace(at, "\"lastModified\":\"2026-02-30T00:00:00Z\"");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> FunctionRecordJson.read("f", day, FunctionRecord.class))
        .isInstanceOf(StorageException.class)
        .hasRootCauseInstanceOf(DateTimeParseException.class);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs()
        .between(
            Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())
        .flatMap(
            sec ->
                Arbitraries.oneOf(
                        Arbitraries.just(0),
                        Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                        Arbitraries.integers().between(0, 999_999).map(us -> us * 1000),
                        Arbitraries.integers().between(0, 999_999_999))
                    .map(nanos -> Instant.ofEpochSecond(sec, nanos)));
  }

  @Provide
  Arbitrary<String> nearForms() {
    return instants()
        .flatMap(
            i -> {
              String s = i.toString();
              return Arbitraries.oneOf(
                  Arbitraries.integers()
                      .between(0, s.length() - 1)
                      .flatMap(
                          at ->
                              Arbitraries.chars()
                                  .with("0123456789-:.TZ+x ")
                                  .map(c -> s.substring(0, at) + c + s.substring(at + 1))),
                  Arbitraries.integers().between(0, s.length()).map(at -> s.substring(0, at)),
                  Arbitraries.strings()
                      .withChars("0123456789.Z")
                      .ofMaxLength(4)
                      .map(t -> s.substring(0, s.length() - 1) + t));
            });
  }
}
