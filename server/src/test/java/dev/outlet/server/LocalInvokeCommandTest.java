package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.server.testkit.Runtimes;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outlet local invoke} through the real command line: real sandboxes (with the host's
 * isolation), exit statuses, and what goes to stdout and to stderr.
 */
class LocalInvokeCommandTest {
  @TempDir Path dir;

  record Result(int status, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        Main.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Result(status, out.toString(), err.toString());
  }

  private Path codeDir(String script) throws IOException {
    Path code = Files.createDirectories(dir.resolve("code"));
    Path bootstrap = code.resolve("bootstrap");
    Files.writeString(bootstrap, script);
    Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
    return code;
  }

  private Path event(String json) throws IOException {
    return Files.writeString(dir.resolve("event.json"), json);
  }

  @Test
  void successPrintsTheResultOnStdoutAndTheLogWithPlatformLinesOnStderr() throws IOException {
    Result r =
        run(
            "local",
            "invoke",
            "--dir",
            codeDir(Runtimes.echo()).toString(),
            "--event",
            event("{\"hello\":\"local\"}").toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("{\"hello\":\"local\"}\n");
    assertThat(r.err())
        .contains("INIT_START Runtime Version: provided:al2023.v1")
        .containsPattern("START RequestId: [0-9a-f-]{36} Version: \\$LATEST")
        .contains("echo runtime handling")
        .containsPattern("END RequestId: [0-9a-f-]{36}")
        .containsPattern("REPORT RequestId: [0-9a-f-]{36}\tDuration: [0-9.]+ ms\tBilled Duration");
    assertThat(r.err().indexOf("START RequestId"))
        .isLessThan(r.err().indexOf("echo runtime handling"));
    assertThat(r.err().indexOf("echo runtime handling"))
        .isLessThan(r.err().indexOf("END RequestId"));
  }

  @Test
  void theEventCanComeFromStdin() throws IOException {
    var saved = System.in;
    System.setIn(new java.io.ByteArrayInputStream("[1,2,3]".getBytes()));
    try {
      Result r =
          run("local", "invoke", "--dir", codeDir(Runtimes.echo()).toString(), "--event", "-");
      assertThat(r.status()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo("[1,2,3]\n");
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void aFunctionErrorExitsWithOneAndShowsItsTypeAndMessage() throws IOException {
    String failing =
        Runtimes.script(
            """
            while true; do
              next
              echo "about to fail"
              fail '{"errorType":"OrderRejected","errorMessage":"no stock for 42"}' OrderRejected
            done
            """);
    Result r = run("local", "invoke", "--dir", codeDir(failing).toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo("{\"errorType\":\"OrderRejected\",\"errorMessage\":\"no stock for 42\"}\n");
    assertThat(r.err())
        .contains("about to fail")
        .contains("Function error: OrderRejected: no stock for 42")
        .contains("REPORT RequestId");
  }

  @Test
  void aTimeoutExitsWithOneAndSaysSoAsLambdaDoes() throws IOException {
    String slow =
        Runtimes.script(
            """
            while true; do
              next
              sleep 5
              respond '"late"'
            done
            """);
    Result r = run("local", "invoke", "--dir", codeDir(slow).toString(), "--timeout", "1");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("\"errorType\":\"Sandbox.Timedout\"");
    assertThat(r.err())
        .contains("Function error: Sandbox.Timedout: RequestId: ")
        .contains("Task timed out after 1.00 seconds")
        .containsPattern("REPORT RequestId: .*Status: timeout");
  }

  @Test
  void environmentComesFromFlagsAndEnvFiles() throws IOException {
    Path envFile =
        Files.writeString(dir.resolve("env.json"), "{\"FROM_FILE\":\"f\",\"BOTH\":\"file\"}");
    Result r =
        run(
            "local",
            "invoke",
            "--dir",
            codeDir(Runtimes.envDump()).toString(),
            "--env-file",
            envFile.toString(),
            "--env",
            "BOTH=flag",
            "--env",
            "XY=1=2",
            "--memory",
            "256");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("FROM_FILE=f\n")
        .contains("BOTH=flag\n")
        .contains("XY=1=2\n")
        .contains("AWS_LAMBDA_FUNCTION_MEMORY_SIZE=256\n");
  }

  @Test
  void anArm64BinaryOnAnX86FunctionIsRefusedWithTheServersMessage() throws IOException {
    // The first bytes of an ELF64 little-endian executable for AArch64 (e_machine 0xB7): what the
    // create-time inspection reads.
    byte[] elf = TestZips.elf(TestZips.AARCH64, 2);
    Path zip =
        Files.write(dir.resolve("arm.zip"), TestZips.zip().executable("bootstrap", elf).bytes());
    Result r = run("local", "invoke", "--zip", zip.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith(
            "InvalidParameterValueException: bootstrap is an ELF aarch64 (arm64) executable,"
                + " but the function's architecture is x86_64: rebuild with GOARCH=amd64");
    Result arm = run("local", "invoke", "--zip", zip.toString(), "--arch", "arm64");
    assertThat(arm.err()).doesNotContain("InvalidParameterValueException");
  }

  @Test
  void anExecutableInsideAFolderIsRefusedWithTheServersMessage() throws IOException {
    Path zip =
        Files.write(
            dir.resolve("nested.zip"),
            TestZips.zip().dir("build").executable("build/bootstrap", Runtimes.echo()).bytes());
    Result r = run("local", "invoke", "--zip", zip.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("InvalidParameterValueException: bootstrap is at 'build/bootstrap' in the zip");
  }

  @Test
  void aMissingExecBitAndAHandlerNamingNoFileAreRefusedWithTheServersMessages() throws IOException {
    Path noExec =
        Files.write(
            dir.resolve("noexec.zip"),
            TestZips.zip().file("bootstrap", Runtimes.echo(), 0644).bytes());
    Result r = run("local", "invoke", "--zip", noExec.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "InvalidParameterValueException: bootstrap has no execute permission in the zip.");
    Path named =
        Files.write(
            dir.resolve("named.zip"), TestZips.zip().executable("server", Runtimes.echo()).bytes());
    Result h = run("local", "invoke", "--zip", named.toString(), "--handler", "main");
    assertThat(h.status()).isEqualTo(2);
    assertThat(h.err())
        .startsWith(
            "InvalidParameterValueException: The zip has no bootstrap at its root: runtime"
                + " provided.al2023 runs /var/task/bootstrap")
        .contains("no executable named after the handler 'main' either")
        .contains("Files at the root:");
    Result ok = run("local", "invoke", "--zip", named.toString(), "--handler", "server");
    assertThat(ok.status()).as(ok.err()).isZero();
  }

  @Test
  void badUsageExitsWithTwo() throws IOException {
    assertThat(run("local", "invoke", "--zip", dir.resolve("none.zip").toString()).status())
        .isEqualTo(2);
    Result both = run("local", "invoke", "--zip", "a.zip", "--dir", "b");
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).contains("give --zip or --dir, not both");
    Result env =
        run("local", "invoke", "--dir", codeDir(Runtimes.echo()).toString(), "--env", "NOEQUALS");
    assertThat(env.status()).isEqualTo(2);
    assertThat(env.err()).contains("--env NOEQUALS: expected KEY=VALUE");
    Result memory =
        run("local", "invoke", "--dir", dir.resolve("code").toString(), "--memory", "64");
    assertThat(memory.status()).isEqualTo(2);
    assertThat(memory.err()).startsWith("ValidationException: 1 validation error detected");
    assertThat(run("local", "invoke", "--no-such-flag").status()).isEqualTo(2);
    Result noTemplate =
        run("local", "invoke", "--template", dir.resolve("template.yaml").toString());
    assertThat(noTemplate.status()).isEqualTo(2);
    assertThat(noTemplate.err()).contains("does not exist");
  }

  @Test
  void aTemplateFunctionRunsWithItsEnvironmentAndWarnings() throws IOException {
    codeDir(Runtimes.envDump());
    Path template =
        Files.writeString(
            dir.resolve("template.yaml"),
            """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Color: {Type: String, Default: blue}
            Resources:
              Dump:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: code/
                  Tracing: Active
                  Environment:
                    Variables:
                      COLOR: !Ref Color
                      WHO: !Sub '${AWS::StackName}'
            """);
    Result r =
        run(
            "local",
            "invoke",
            "Dump",
            "--template",
            template.toString(),
            "--parameter-overrides",
            "Color=red");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("COLOR=red\n").contains("AWS_LAMBDA_FUNCTION_NAME=");
    assertThat(r.err())
        .contains("Warning: Resources.Dump.Properties.Tracing: not supported by Outlet, ignored");
    Result unknown = run("local", "invoke", "Nope", "--template", template.toString());
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("the template has no function Nope; its functions: [Dump]");
  }

  @Test
  void aDebugSessionPassesThePortAndLiftsTheDeadline() throws IOException {
    String slowDump =
        Runtimes.script(
            """
            while true; do
              next
              sleep 2
              env > "$WORK/env"
              respond_file "$WORK/env"
            done
            """);
    Result r =
        run(
            "local",
            "invoke",
            "--dir",
            codeDir(slowDump).toString(),
            "--timeout",
            "1",
            "--debug-port",
            "5005");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("OUTLET_DEBUG_PORT=5005\n")
        .contains(
            "JAVA_TOOL_OPTIONS=-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:5005\n");
    assertThat(r.err()).contains("[outlet] debug: OUTLET_DEBUG_PORT=5005");
  }

  @Test
  void aSamTemplatesNodeFunctionRunsFromItsCodeUriFolder() throws IOException {
    Path project = Files.createDirectories(dir.resolve("sam-node"));
    Path hello = Files.createDirectories(project.resolve("hello"));
    Files.copy(
        dev.outlet.server.testkit.FunctionFolders.folder("nodejs", "hello-esm")
            .resolve("index.mjs"),
        hello.resolve("index.mjs"));
    Files.writeString(
        project.resolve("template.yaml"),
        """
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          HelloFunction:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: hello/
              Handler: index.handler
              Runtime: nodejs20.x
        """);

    Result r =
        run(
            "local",
            "invoke",
            "--template",
            project.resolve("template.yaml").toString(),
            "--event",
            event("{\"a\":1}").toString());

    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"statusCode\":200");
    assertThat(r.err())
        .contains("INIT_START Runtime Version: nodejs:")
        .containsPattern("\\t[0-9a-f-]{36}\\tINFO\\tEVENT: ");
  }

  @Test
  void aRuntimeNothingHereServesIsRefusedWithWhatToInstall() throws IOException {
    Result r =
        run(
            "local",
            "invoke",
            "--dir",
            codeDir("#!/bin/sh\n").toString(),
            "--runtime",
            "python3.14",
            "--handler",
            "app.handler");
    assertThat(r.status()).isNotZero();
    assertThat(r.err()).contains("Outlet cannot run python3.14 here: no Python 3.14 interpreter");
  }
}
