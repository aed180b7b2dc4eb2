package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.local.deploy.AwsHttp;
import dev.outlet.local.deploy.Deployer;
import dev.outlet.local.deploy.Watcher;
import dev.outlet.local.sam.SamReader;
import dev.outlet.local.sam.SamTemplate;
import dev.outlet.server.testkit.Runtimes;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Watch mode against a running Outlet: new code goes live while a client keeps invoking, with no
 * failed request, and a half-written package is never deployed. Invocations go through the function
 * API (routes need the HTTP front).
 */
class WatchModeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path root;

  @Test
  void aRebuiltGoBinaryGoesLiveWithoutAFailedRequest() throws Exception {
    Path app = SamExample.copyAndBuild(root, "1");
    StringWriter out = new StringWriter();
    try (TestServer server = TestServer.start(root.resolve("data"))) {
      SamTemplate t =
          new SamReader("us-east-1", TestServer.ACCOUNT)
              .read(app.resolve("template.yaml"), null, Map.of());
      Deployer deployer =
          new Deployer(
              new AwsHttp(server.endpoint(), "us-east-1"),
              new PrintWriter(out, true),
              new PrintWriter(new StringWriter(), true),
              false);
      deployer.deploy(t);
      List<String> answers = new CopyOnWriteArrayList<>();
      List<String> failures = new CopyOnWriteArrayList<>();
      AtomicBoolean stop = new AtomicBoolean();
      String event =
          LocalInvokeCommandTest.run("local", "generate-event", "apigateway", "--path", "/hello")
              .out();
      Thread client =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!stop.get()) {
                      try {
                        InvokeResponse r =
                            server
                                .lambda()
                                .invoke(
                                    b ->
                                        b.functionName("sam-app-HelloFunction")
                                            .payload(SdkBytes.fromUtf8String(event)));
                        JsonNode reply = JSON.readTree(r.payload().asUtf8String());
                        if (r.functionError() != null || reply.path("statusCode").asInt() != 200) {
                          failures.add(r.payload().asUtf8String());
                        } else {
                          answers.add(
                              JSON.readTree(reply.path("body").asText()).path("message").asText());
                        }
                      } catch (Exception e) {
                        failures.add(e.toString());
                      }
                    }
                  });
      try (Watcher watcher =
          new Watcher(
              t.functions(), deployer, new PrintWriter(out, true), new PrintWriter(out, true))) {
        watcher.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> answers.size() >= 3);
        SamExample.build(app, "2");
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> answers.contains("Hello from version 2"));
        int seen = answers.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> answers.size() >= seen + 3);
      } finally {
        stop.set(true);
        client.join(30_000);
      }
      assertThat(failures).isEmpty();
      assertThat(answers).startsWith("Hello from version 1");
      int firstNew = answers.indexOf("Hello from version 2");
      assertThat(answers.subList(firstNew, answers.size())).containsOnly("Hello from version 2");
      assertThat(out.toString())
          .containsOnlyOnce("Reloaded HelloFunction (sam-app-HelloFunction): new code live ");
      System.out.println(
          "watch mode: "
              + out.toString().lines().filter(l -> l.startsWith("Reloaded")).toList()
              + ", "
              + answers.size()
              + " invocations, none failed");
    }
  }

  @Test
  void aHalfWrittenZipIsNeverDeployed() throws Exception {
    Path zip = root.resolve("fn.zip");
    Files.write(zip, TestZips.bootstrap(Runtimes.labelled("one")));
    Path template =
        Files.writeString(
            root.resolve("template.yaml"),
            """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: fn.zip
            """);
    StringWriter out = new StringWriter();
    try (TestServer server = TestServer.start(root.resolve("data"))) {
      SamTemplate t = new SamReader("us-east-1", TestServer.ACCOUNT).read(template, "w", Map.of());
      Deployer deployer =
          new Deployer(
              new AwsHttp(server.endpoint(), "us-east-1"),
              new PrintWriter(out, true),
              new PrintWriter(out, true),
              false);
      deployer.deploy(t);
      try (Watcher watcher =
          new Watcher(
              t.functions(), deployer, new PrintWriter(out, true), new PrintWriter(out, true))) {
        watcher.start();
        assertThat(label(server)).isEqualTo("one");
        // A second version, big enough that its first half is clearly not a zip yet.
        byte[] next =
            TestZips.zip()
                .executable("bootstrap", Runtimes.labelled("two"))
                .file("padding.txt", "p".repeat(200_000), 0644)
                .bytes();
        Files.write(zip, Arrays.copyOf(next, next.length / 2));
        Thread.sleep(1500); // ten times the settle delay: a watcher that deployed it would have
        assertThat(out.toString()).doesNotContain("Reloaded");
        assertThat(label(server)).isEqualTo("one");
        Files.write(zip, next);
        await().atMost(Duration.ofSeconds(20)).until(() -> label(server).equals("two"));
        assertThat(out.toString()).containsOnlyOnce("Reloaded Fn (w-Fn)");
      }
    }
  }

  private static String label(TestServer server) throws Exception {
    InvokeResponse r = server.invoke("w-Fn", "{}");
    return JSON.readTree(r.payload().asUtf8String()).path("label").asText();
  }
}
