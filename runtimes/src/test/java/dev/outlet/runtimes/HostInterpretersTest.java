package dev.outlet.runtimes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery over folders of real executables (scripts that answer as the interpreters do). */
class HostInterpretersTest {
  @TempDir Path root;

  private Path script(String path, String body) throws IOException {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void findsPythonsNodeAndJdksWithTheirVersions() throws IOException {
    Path py = script("bin/python3.12", "echo 'Python 3.12.7'");
    script("bin/python3", "echo 'Python 3.12.7'"); // not versioned: not a candidate
    Path node = script("bin/node", "echo v22.11.0");
    Path jdk = root.resolve("jvm/jdk-21");
    script("jvm/jdk-21/bin/java", "exit 0");
    Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"21.0.5\"\n");
    Files.createSymbolicLink(root.resolve("jvm/default"), jdk); // the same JDK twice

    List<Interpreter> found =
        HostInterpreters.find(List.of(root.resolve("bin")), root.resolve("jvm"));

    assertThat(found)
        .containsExactly(
            new Interpreter(Family.PYTHON, "3.12.7", py.toRealPath(), py.toRealPath().getParent()),
            new Interpreter(
                Family.NODEJS, "22.11.0", node.toRealPath(), node.toRealPath().getParent()),
            new Interpreter(
                Family.JAVA, "21.0.5", jdk.resolve("bin/java").toRealPath(), jdk.toRealPath()));
  }

  @Test
  void anExecutableThatDoesNotAnswerIsNone() throws IOException {
    Path broken = script("bin/python3.13", "exit 3");
    assertThat(HostInterpreters.probe(Family.PYTHON, broken)).isEmpty();
    assertThat(HostInterpreters.probe(Family.NODEJS, root.resolve("bin/none"))).isEmpty();
  }
}
