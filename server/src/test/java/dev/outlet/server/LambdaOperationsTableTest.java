package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.server.testkit.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's table of the Lambda API's operations says the truth: it lists every operation of
 * AWS's model (src/test/resources/lambda-api/operations.tsv), and an operation is marked served
 * exactly when a running Outlet answers its method and path with something other than Lambda's
 * {@code UnknownOperationException}.
 */
class LambdaOperationsTableTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z]+)` \\| (yes|no) \\|");
  private static final Pattern LABEL = Pattern.compile("\\{([A-Za-z]+)\\}");
  private static final String PROBE_FUNCTION = "outlet-probe-fn";

  @TempDir static Path root;
  private static TestServer server;

  record Op(String name, String method, String uri) {}

  @BeforeAll
  static void start() {
    server = TestServer.start(root.resolve("data"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static List<Op> model() throws IOException {
    List<Op> ops = new ArrayList<>();
    try (InputStream in =
        LambdaOperationsTableTest.class.getResourceAsStream("/lambda-api/operations.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        ops.add(new Op(f[0], f[1], f[2]));
      }
    }
    return ops;
  }

  private static Map<String, Boolean> readme() throws IOException {
    Path readme = Path.of("..", "README.md");
    Map<String, Boolean> table = new TreeMap<>();
    for (String line : Files.readAllLines(readme)) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        table.put(m.group(1), m.group(2).equals("yes"));
      }
    }
    return table;
  }

  /** Whether Outlet serves {@code op}: anything but UnknownOperationException. */
  private static boolean served(HttpClient http, Op op) throws Exception {
    String arn = "arn:aws:lambda:us-east-1:000000000000:function:" + PROBE_FUNCTION;
    Matcher m = LABEL.matcher(op.uri());
    StringBuilder path = new StringBuilder();
    while (m.find()) {
      String value =
          switch (m.group(1)) {
            case "FunctionName" -> PROBE_FUNCTION;
            case "Resource" -> URLEncoder.encode(arn, StandardCharsets.UTF_8);
            case "VersionNumber" -> "1";
            default -> "probe";
          };
      m.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    m.appendTail(path);
    HttpRequest.BodyPublisher body =
        op.method().equals("GET") || op.method().equals("DELETE")
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString("{}");
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .method(op.method(), body)
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return !"UnknownOperationException"
        .equals(r.headers().firstValue("x-amzn-ErrorType").orElse(""));
  }

  @Test
  void theReadmeTableListsEveryOperationAndSaysWhichAreServed() throws Exception {
    List<Op> ops = model();
    Map<String, Boolean> table = readme();
    assertThat(table.keySet())
        .as("the README's table lists exactly the operations of AWS's model")
        .containsExactlyInAnyOrderElementsOf(ops.stream().map(Op::name).toList());
    HttpClient http = HttpClient.newHttpClient();
    Map<String, Boolean> answered = new TreeMap<>();
    for (Op op : ops) {
      answered.put(op.name(), served(http, op));
    }
    List<String> wrong = new ArrayList<>();
    answered.forEach(
        (name, yes) -> {
          if (!yes.equals(table.get(name))) {
            wrong.add(name + (yes ? " is served" : " is not served"));
          }
        });
    assertThat(wrong).as("README table rows that a running Outlet contradicts").isEmpty();
    long count = answered.values().stream().filter(b -> b).count();
    assertThat(Files.readString(Path.of("..", "README.md")))
        .as("the README states the count")
        .contains("serves " + count + " of the " + ops.size() + " operations");
  }
}
