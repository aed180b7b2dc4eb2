package dev.outlet.local.sam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.edge.testkit.Fuzz;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * SAM templates (a project's {@code template.yaml}, read by {@code outlet local} and {@code
 * deploy}): a mutated template is read or refused with a {@link TemplateException} naming the
 * problem, never another exception, within {@link Fuzz#BOUND}. Alias bombs and deep nesting
 * included.
 */
class SamTemplateProperties {
  private static Path dir;

  @BeforeContainer
  static void makeDir() throws IOException {
    dir = Files.createTempDirectory("sam-fuzz");
    for (String code : CODE) {
      Files.createDirectories(dir.resolve(code));
    }
  }

  /** The samples' CodeUri folders, which must exist for a template to read. */
  private static final List<String> CODE = List.of("build/hello", "hello", "src");

  @AfterContainer
  static void removeDir() throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  private static List<byte[]> samples() {
    try {
      Path root = Path.of(System.getProperty("user.dir")).getParent().resolve("examples");
      return List.of(
          Files.readAllBytes(root.resolve("sam-app/template.yaml")),
          Files.readAllBytes(root.resolve("python-app/template.yaml")),
          """
          Transform: AWS::Serverless-2016-10-31
          Conditions:
            IsProd: !Equals [!Ref Env, prod]
          Parameters:
            Env: {Type: String, Default: dev}
          Resources:
            Fn:
              Type: AWS::Serverless::Function
              Properties:
                FunctionName: !Join ['-', [!Ref 'AWS::StackName', fn]]
                CodeUri: src/
                Handler: app.handler
                Runtime: python3.12
                Timeout: !If [IsProd, 30, 3]
                Environment: {Variables: {ARN: !GetAtt Other.Arn, B: !Select [0, [a, b]]}}
                Events:
                  Api: {Type: Api, Properties: {Path: /x, Method: ANY}}
          """
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<byte[]> templates() {
    return Fuzz.mutationsOf(samples());
  }

  private static void check(byte[] template) throws IOException {
    Path file = Files.createTempFile(dir, "template", ".yaml");
    try {
      Files.write(file, template);
      Fuzz.run(
          template,
          () -> new SamReader("us-east-1", "123456789012").read(file, "stack", Map.of()),
          TemplateException.class);
    } finally {
      Files.delete(file);
    }
  }

  @Property(tries = 300)
  void aMutatedTemplateIsReadOrRefusedWithATemplateException(@ForAll("templates") byte[] t)
      throws IOException {
    check(t);
  }

  @Example
  void theSamplesAreRead() throws IOException {
    for (byte[] t : samples()) {
      assertThat(
              Fuzz.run(
                  t,
                  () -> {
                    Path file = Files.createTempFile(dir, "template", ".yaml");
                    Files.write(file, t);
                    return new SamReader("us-east-1", "1").read(file, "s", Map.of()).functions();
                  }))
          .isInstanceOf(Fuzz.Outcome.Parsed.class);
    }
  }

  @Example
  void theCommittedCorpusIsHandled() throws IOException {
    for (byte[] t : Fuzz.corpus(getClass(), "/fuzz-corpus/sam-templates.txt")) {
      check(t);
    }
  }
}
