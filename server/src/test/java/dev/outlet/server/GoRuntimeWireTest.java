package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A runtime written here with Go's standard library that talks to the Runtime API as aws-lambda-go
 * does (lambda-contract.md §1.5, §1.6): results POSTed with {@code Transfer-Encoding: chunked} and
 * a declared {@code Trailer:} header, errors with an X-Ray cause header of hundreds of KiB, and any
 * status other than exactly 200 (/next) or 202 (results) fatal, so that a wrong status shows as the
 * runtime's exit. Skipped, with the reason, where Debian's Go is not installed.
 */
class GoRuntimeWireTest {
  private static final Path GO = Path.of("/usr/bin/go");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SOURCE =
      """
      package main

      import (
      	"bytes"
      	"encoding/json"
      	"fmt"
      	"io"
      	"log"
      	"net/http"
      	"os"
      	"strconv"
      	"strings"
      )

      func main() {
      	api := os.Getenv("AWS_LAMBDA_RUNTIME_API")
      	if api == "" {
      		log.Fatal("expected AWS Lambda environment variables [_LAMBDA_SERVER_PORT AWS_LAMBDA_RUNTIME_API] are not defined")
      	}
      	base := "http://" + api + "/2018-06-01/runtime/invocation/"
      	count := 0
      	for {
      		res, err := http.Get(base + "next")
      		if err != nil {
      			log.Fatalf("failed to get the next invoke: %v", err)
      		}
      		if res.StatusCode != http.StatusOK {
      			log.Fatalf("unexpected status from /next: %d", res.StatusCode)
      		}
      		id := res.Header.Get("Lambda-Runtime-Aws-Request-Id")
      		if _, err := strconv.ParseInt(res.Header.Get("Lambda-Runtime-Deadline-Ms"), 10, 64); err != nil {
      			log.Fatalf("failed to parse deadline: %v", err)
      		}
      		event, err := io.ReadAll(res.Body)
      		res.Body.Close()
      		if err != nil {
      			log.Fatalf("failed to read the event: %v", err)
      		}
      		count++
      		var in struct {
      			Fail       string `json:"fail"`
      			CauseBytes int    `json:"causeBytes"`
      		}
      		_ = json.Unmarshal(event, &in)
      		if in.Fail != "" {
      			body, _ := json.Marshal(map[string]interface{}{
      				"errorMessage": in.Fail,
      				"errorType":    "errorString",
      				"stackTrace":   []map[string]interface{}{{"path": "main.go", "line": 42, "label": "main"}},
      			})
      			cause := `{"working_directory":"/var/task","paths":["` + strings.Repeat("p", in.CauseBytes) + `"],"exceptions":[]}`
      			post(base+id+"/error", body, "application/json", cause)
      			continue
      		}
      		out := fmt.Sprintf(`{"count":%d,"pid":%d,"event":%s}`, count, os.Getpid(), event)
      		post(base+id+"/response", []byte(out), "application/octet-stream", "")
      	}
      }

      // post sends body chunked with the trailers aws-lambda-go declares, and requires exactly 202.
      func post(url string, body []byte, contentType string, cause string) {
      	req, err := http.NewRequest(http.MethodPost, url, io.NopCloser(bytes.NewReader(body)))
      	if err != nil {
      		log.Fatal(err)
      	}
      	req.ContentLength = -1
      	req.Header.Set("Content-Type", contentType)
      	req.Header.Set("User-Agent", "aws-lambda-go/go1.19")
      	if cause != "" {
      		req.Header.Set("Lambda-Runtime-Function-XRay-Error-Cause", cause)
      	}
      	req.Trailer = http.Header{
      		"Lambda-Runtime-Function-Error-Type": nil,
      		"Lambda-Runtime-Function-Error-Body": nil,
      	}
      	res, err := http.DefaultClient.Do(req)
      	if err != nil {
      		log.Fatalf("failed to POST to %s: %v", url, err)
      	}
      	io.Copy(io.Discard, res.Body)
      	res.Body.Close()
      	if res.StatusCode != http.StatusAccepted {
      		log.Fatalf("failed to POST to %s: got unexpected status code: %d", url, res.StatusCode)
      	}
      }
      """;

  @TempDir static Path work;
  private static TestServer server;
  private static byte[] function;

  @BeforeAll
  static void build() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(GO), "Go not installed at /usr/bin/go: apt-get install golang-go");
    Path src = Files.createDirectories(work.resolve("src"));
    Files.writeString(src.resolve("main.go"), SOURCE);
    Path binary = work.resolve("bootstrap");
    ProcessBuilder pb =
        new ProcessBuilder(List.of(GO.toString(), "build", "-o", binary.toString(), "main.go"))
            .directory(src.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("go-build.log").toFile());
    pb.environment()
        .putAll(
            Map.of(
                "CGO_ENABLED", "0",
                "GOOS", "linux",
                "GO111MODULE", "off",
                "GOPROXY", "off",
                "GOCACHE", work.resolve("go-cache").toString(),
                "GOPATH", work.resolve("go-path").toString(),
                "HOME", work.toString()));
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("go build did not finish in 300 s");
    }
    assertThat(p.exitValue()).as(Files.readString(work.resolve("go-build.log"))).isZero();
    function = TestZips.zip().executable("bootstrap", Files.readAllBytes(binary)).bytes();
    server = TestServer.start(work.resolve("data"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void chunkedResultsWithDeclaredTrailersAreAcceptedColdAndWarm() throws IOException {
    String name = "go-wire-echo";
    server.create(name, function);

    InvokeResponse cold = server.invoke(name, "{\"n\":1}");
    InvokeResponse warm = server.invoke(name, "{\"n\":2}");

    assertThat(cold.functionError()).as(cold.payload().asUtf8String()).isNull();
    assertThat(warm.functionError()).as(warm.payload().asUtf8String()).isNull();
    JsonNode first = JSON.readTree(cold.payload().asByteArray());
    JsonNode second = JSON.readTree(warm.payload().asByteArray());
    assertThat(first.get("event")).isEqualTo(JSON.readTree("{\"n\":1}"));
    assertThat(second.get("event")).isEqualTo(JSON.readTree("{\"n\":2}"));
    assertThat(second.get("count").asInt()).as("the same process served both").isEqualTo(2);
    assertThat(InvokeTest.lastLine(TestServer.logTail(cold)))
        .matches(InvokeTest.report(cold.responseMetadata().requestId(), 128, true));
    assertThat(InvokeTest.lastLine(TestServer.logTail(warm)))
        .matches(InvokeTest.report(warm.responseMetadata().requestId(), 128, false));
  }

  @Test
  void anErrorWithAHalfMegabyteXrayCauseHeaderIsAcceptedWith202() throws IOException {
    String name = "go-wire-error";
    server.create(name, function);

    InvokeResponse failed =
        server.invoke(name, "{\"fail\":\"something went wrong\",\"causeBytes\":524288}");
    InvokeResponse after = server.invoke(name, "{\"n\":3}");

    assertThat(failed.functionError()).isEqualTo("Unhandled");
    JsonNode error = JSON.readTree(failed.payload().asByteArray());
    assertThat(error.get("errorType").asText())
        .as("a non-202 makes the runtime exit: %s", error)
        .isEqualTo("errorString");
    assertThat(error.get("errorMessage").asText()).isEqualTo("something went wrong");
    assertThat(error.get("stackTrace").get(0).get("path").asText()).isEqualTo("main.go");
    assertThat(after.functionError()).as(after.payload().asUtf8String()).isNull();
    assertThat(JSON.readTree(after.payload().asByteArray()).get("count").asInt())
        .as("the runtime lived on after reporting the error")
        .isEqualTo(2);
  }
}
