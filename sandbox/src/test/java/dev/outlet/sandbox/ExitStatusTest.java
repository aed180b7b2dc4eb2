package dev.outlet.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitStatusTest {

  @Test
  void aCleanExitHasLambdasNoReasonMessage() {
    assertThat(ExitStatus.message(0)).isEqualTo("Runtime exited without providing a reason");
  }

  @Test
  void aNonZeroExitIsAnExitStatus() {
    assertThat(ExitStatus.message(3)).isEqualTo("Runtime exited with error: exit status 3");
  }

  @Test
  void deathBySignalIsNamedAsGoNamesIt() {
    assertThat(ExitStatus.message(137)).isEqualTo("Runtime exited with error: signal: killed");
    assertThat(ExitStatus.message(139))
        .isEqualTo("Runtime exited with error: signal: segmentation fault");
  }

  @Test
  void execFailuresUseGosWords() {
    assertThat(ExitStatus.execFailure("Cannot run program \"x\": error=13, Permission denied"))
        .isEqualTo("permission denied");
    assertThat(ExitStatus.execFailure("error=8, Exec format error")).isEqualTo("exec format error");
    assertThat(ExitStatus.execFailure("error=2, No such file or directory"))
        .isEqualTo("no such file or directory");
  }
}
