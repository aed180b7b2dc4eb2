package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outlet.iam.AccessKey;
import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.Browser;
import dev.outlet.server.testkit.CliFunctions;
import dev.outlet.server.testkit.ConsoleClient;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console with {@code --auth iam}: it asks for an access key, refuses a wrong one with the
 * API's message, shows what the signed-in identity may read and refuses, with the policy's message,
 * what it may not do; its session is an HttpOnly cookie, every state change needs the session's
 * CSRF token, and signing out ends it. In Chromium and on the wire.
 */
class ConsoleIamBrowserTest {
  private static final String POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
          + "[\"lambda:Get*\",\"lambda:List*\",\"cloudwatch:GetMetricData\","
          + "\"logs:FilterLogEvents\"],\"Resource\":\"*\"}]}";
  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli admin;
  private static String readerKey;
  private static String readerSecret;

  @BeforeAll
  static void start() {
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"), c -> c.withAuth(AuthMode.IAM));
    AccessKey key = server.server().createdAdministrator().orElseThrow();
    admin = new AwsCli(server.endpoint(), root.resolve("cli"), key.accessKeyId(), key.secret());
    admin.ok(
        "iam",
        "create-role",
        "--role-name",
        "hello-role",
        "--assume-role-policy-document",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
    new CliFunctions(admin, root.resolve("zips"), "arn:aws:iam::000000000000:role/hello-role")
        .create(
            "kept",
            "python3.11",
            "lambda_function.lambda_handler",
            FunctionFolders.zip("python", "hello"));
    admin.ok("iam", "create-user", "--user-name", "reader");
    grantReadOnly();
    JsonNode k = admin.ok("iam", "create-access-key", "--user-name", "reader").get("AccessKey");
    readerKey = k.get("AccessKeyId").asText();
    readerSecret = k.get("SecretAccessKey").asText();
  }

  private static void grantReadOnly() {
    admin.ok(
        "iam",
        "put-user-policy",
        "--user-name",
        "reader",
        "--policy-name",
        "read-only",
        "--policy-document",
        POLICY);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void onTheWireNothingPassesWithoutASignedInSession() {
    ConsoleClient console = new ConsoleClient(server.endpoint());
    JsonNode before = console.session();
    assertThat(before.get("mode").asText()).isEqualTo("iam");
    assertThat(before.get("signedIn").asBoolean()).isFalse();
    assertThat(before.get("csrf").isNull()).isTrue();
    assertThat(
            console
                .send("GET", "/_outlet/console/aws/lambda/2015-03-31/functions/", null, false)
                .statusCode())
        .isEqualTo(401);
    HttpResponse<String> wrong = console.signIn(readerKey, "not-the-secret");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(ConsoleClient.json(wrong).get("message").asText()).contains("not valid");

    assertThat(console.signIn(readerKey, readerSecret).statusCode()).isEqualTo(200);
    assertThat(console.session().get("principal").asText())
        .isEqualTo("arn:aws:iam::000000000000:user/reader");
    HttpResponse<String> list =
        console.send("GET", "/_outlet/console/aws/lambda/2015-03-31/functions/", null, false);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"kept\"");
    HttpResponse<String> delete =
        console.send("DELETE", "/_outlet/console/aws/lambda/2015-03-31/functions/kept", null, true);
    assertThat(delete.statusCode()).isEqualTo(403);
    assertThat(ConsoleClient.json(delete).get("Message").asText())
        .contains("user/reader is not authorized to perform: lambda:DeleteFunction");
    // the console's own reads are authorized as the API's: no permission, no sandboxes
    assertThat(
            console
                .send("GET", "/_outlet/console/api/summary?minutes=15", null, false)
                .statusCode())
        .isEqualTo(200);
    admin.ok("iam", "delete-user-policy", "--user-name", "reader", "--policy-name", "read-only");
    HttpResponse<String> sandboxes =
        console.send("GET", "/_outlet/console/api/sandboxes?function=kept", null, false);
    assertThat(sandboxes.statusCode()).isEqualTo(403);
    assertThat(sandboxes.body()).contains("lambda:GetFunction");
    grantReadOnly();

    assertThat(console.send("DELETE", "/_outlet/console/api/session", null, false).statusCode())
        .isEqualTo(403); // signing out is a state change: it needs the token too
    assertThat(console.send("DELETE", "/_outlet/console/api/session", null, true).statusCode())
        .isEqualTo(204);
    assertThat(
            console
                .send("GET", "/_outlet/console/aws/lambda/2015-03-31/functions/", null, false)
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void inTheBrowserSignInShowsWhatMayBeReadAndRefusesWhatMayNotBeDone() {
    try (Browser browser = Browser.start()) {
      browser.open(server.endpoint() + "/#/functions");
      browser.find("signin-key").sendKeys(readerKey);
      browser.find("signin-secret").sendKeys("wrong");
      browser.screenshot("signin");
      browser.find("signin-submit").click();
      String wrong =
          browser.until(
              d -> {
                String t = browser.find("signin-error").getText();
                return t.isBlank() ? null : t;
              });
      assertThat(wrong).contains("not valid");
      var secret = browser.find("signin-secret");
      secret.clear();
      secret.sendKeys(readerSecret);
      browser.find("signin-submit").click();
      browser.until(d -> !browser.all("function-row").isEmpty());
      assertThat(browser.find("function-row").getAttribute("data-name")).isEqualTo("kept");
      // the cookie is out of the page's reach
      assertThat((String) browser.script("return document.cookie;"))
          .doesNotContain("outlet_console");

      browser.open(server.endpoint() + "/#/functions/kept");
      browser.find("function-name");
      browser.find("delete-function").click();
      browser.find("confirm-delete").click();
      String refused =
          browser.until(
              Duration.ofSeconds(10),
              d ->
                  browser.all("error").stream()
                      .filter(e -> e.isDisplayed() && !e.getText().isBlank())
                      .map(e -> e.getText())
                      .findFirst()
                      .orElse(null));
      assertThat(refused).contains("is not authorized to perform: lambda:DeleteFunction");
      browser.screenshot("iam-refused");
      assertThat(
              admin
                  .ok("lambda", "get-function", "--function-name", "kept")
                  .at("/Configuration/FunctionName")
                  .asText())
          .isEqualTo("kept");

      // the refusal is shown in the confirmation dialog; Escape closes it
      new org.openqa.selenium.interactions.Actions(browser.driver())
          .sendKeys(org.openqa.selenium.Keys.ESCAPE)
          .perform();
      browser.until(d -> browser.all("confirm-delete").stream().noneMatch(e -> e.isDisplayed()));
      browser.find("signout").click();
      browser.find("signin-key");
    }
  }
}
