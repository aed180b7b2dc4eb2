package dev.outlet.runtimes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeCatalogTest {
  private static final Interpreter PY311 =
      new Interpreter(Family.PYTHON, "3.11.2", Path.of("/usr/bin/python3.11"), Path.of("/usr/bin"));
  private static final Interpreter NODE20 =
      new Interpreter(Family.NODEJS, "20.20.2", Path.of("/usr/bin/node"), Path.of("/usr/bin"));
  private static final Interpreter JDK17 =
      new Interpreter(
          Family.JAVA,
          "17.0.15",
          Path.of("/usr/lib/jvm/java-17/bin/java"),
          Path.of("/usr/lib/jvm/java-17"));
  private static final Interpreter JDK25 =
      new Interpreter(
          Family.JAVA,
          "25.0.3",
          Path.of("/usr/lib/jvm/temurin-25/bin/java"),
          Path.of("/usr/lib/jvm/temurin-25"));
  private static final List<Interpreter> HOST = List.of(PY311, NODE20, JDK17, JDK25);

  private static Resolution resolve(String id, Map<String, Interpreter> mapped) {
    return RuntimeCatalog.resolve(RuntimeId.parse(id).orElseThrow(), HOST, mapped);
  }

  @Test
  void runtimeIdsAreReadAsTheirLanguageVersions() {
    assertThat(RuntimeId.parse("python3.12"))
        .contains(new RuntimeId("python3.12", Family.PYTHON, 3, 12));
    assertThat(RuntimeId.parse("nodejs22.x"))
        .contains(new RuntimeId("nodejs22.x", Family.NODEJS, 22, -1));
    assertThat(RuntimeId.parse("java8.al2"))
        .contains(new RuntimeId("java8.al2", Family.JAVA, 8, -1));
    assertThat(RuntimeId.parse("provided.al2023")).isEmpty();
    assertThat(RuntimeId.parse("dotnet8")).isEmpty();
    assertThat(RuntimeId.parse("python3")).isEmpty();
  }

  @Test
  void pythonAndNodeNeedTheirOwnVersion() {
    assertThat(resolve("python3.11", Map.of()))
        .isEqualTo(new Resolution.Served(PY311, List.of(), false));
    assertThat(resolve("nodejs20.x", Map.of()))
        .isEqualTo(new Resolution.Served(NODE20, List.of(), false));
    assertThat(resolve("python3.12", Map.of())).isInstanceOf(Resolution.Unavailable.class);
    assertThat(resolve("nodejs22.x", Map.of())).isInstanceOf(Resolution.Unavailable.class);
  }

  @Test
  void aMissingPythonNamesWhatToInstallAndTheMappingThatWouldServeIt() {
    Resolution.Unavailable u = (Resolution.Unavailable) resolve("python3.12", Map.of());
    assertThat(u.message())
        .isEqualTo(
            "Outlet cannot run python3.12 here: no Python 3.12 interpreter was found in"
                + " /usr/local/bin or /usr/bin (this host has Python 3.11.2 (/usr/bin/python3.11))."
                + " Install python3.12 (apt-get install python3.12 where your distribution has it),"
                + " or serve python3.12 with another interpreter: outlet serve --runtime"
                + " python3.12=/usr/bin/python3.11");
  }

  @Test
  void javaRunsOnItsOwnJdkOrTheNearestNewerOneAndSaysSo() {
    assertThat(resolve("java17", Map.of()))
        .isEqualTo(new Resolution.Served(JDK17, List.of(), false));
    Resolution.Served java11 = (Resolution.Served) resolve("java11", Map.of());
    assertThat(java11.interpreter()).isEqualTo(JDK17);
    assertThat(java11.notices()).singleElement().asString().contains("java11 runs on JDK 17.0.15");
    Resolution.Served java21 = (Resolution.Served) resolve("java21", Map.of());
    assertThat(java21.interpreter()).as("25 is nearer than none").isEqualTo(JDK25);
    assertThat(
            RuntimeCatalog.resolve(
                RuntimeId.parse("java21").orElseThrow(), List.of(JDK17), Map.of()))
        .isInstanceOfSatisfying(
            Resolution.Unavailable.class,
            u -> assertThat(u.message()).contains("apt-get install openjdk-21-jdk-headless"));
  }

  @Test
  void anOperatorsMappingWinsAndIsSaidInTheLog() {
    Resolution.Served s = (Resolution.Served) resolve("python3.12", Map.of("python3.12", PY311));
    assertThat(s.mapped()).isTrue();
    assertThat(s.interpreter()).isEqualTo(PY311);
    assertThat(s.notices())
        .containsExactly(
            "[outlet] python3.12 runs on Python 3.11.2 (/usr/bin/python3.11), as mapped by serve"
                + " --runtime python3.12=/usr/bin/python3.11");
  }

  @Test
  void interpretersKnowTheirLanguageVersion() {
    assertThat(PY311.languageVersion()).isEqualTo("3.11");
    assertThat(NODE20.languageVersion()).isEqualTo("20");
    assertThat(JDK25.major()).isEqualTo(25);
    assertThat(new Interpreter(Family.JAVA, "1.8.0_392", Path.of("j"), Path.of("h")).major())
        .isEqualTo(1);
  }
}
