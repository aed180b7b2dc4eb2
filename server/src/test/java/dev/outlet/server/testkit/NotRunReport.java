package dev.outlet.server.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Names the test classes that did not run because a tool they drive is missing (an assumption in
 * {@code @BeforeAll}: {@code AwsCli.assumeInstalled()}, {@code Skopeo.assumeInstalled()}...).
 * Surefire counts such a class as neither run nor skipped, so without this a machine lacking {@code
 * /usr/bin/aws} would report fewer tests and no reason. Each such class is appended, with how many
 * tests it holds and the assumption's message, to {@code target/tests-not-run.txt}, which {@code
 * ./outlet test} prints at its end. Registered through {@code META-INF/services}.
 */
public final class NotRunReport implements TestExecutionListener {
  static final Path FILE = Path.of("target", "tests-not-run.txt");

  private final List<String> lines = new ArrayList<>();
  private TestPlan plan;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    plan = testPlan;
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (result.getStatus() != TestExecutionResult.Status.ABORTED || !id.isContainer()) {
      return;
    }
    id.getSource()
        .filter(ClassSource.class::isInstance)
        .map(s -> ((ClassSource) s).getClassName())
        .ifPresent(
            name -> {
              long tests =
                  plan == null
                      ? 0
                      : plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count();
              String why =
                  result.getThrowable().map(Throwable::getMessage).orElse("aborted before it ran");
              lines.add(name + ": " + tests + " tests not run: " + why);
            });
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    id.getSource()
        .filter(ClassSource.class::isInstance)
        .ifPresent(s -> lines.add(((ClassSource) s).getClassName() + ": skipped: " + reason));
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    if (lines.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(FILE.toAbsolutePath().getParent());
      Files.write(
          FILE,
          lines,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("cannot write " + FILE.toAbsolutePath() + ": " + e);
    }
    lines.clear();
  }
}
