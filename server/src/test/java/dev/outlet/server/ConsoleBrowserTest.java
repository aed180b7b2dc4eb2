package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.server.testkit.AwsCli;
import dev.outlet.server.testkit.Browser;
import dev.outlet.server.testkit.FunctionFolders;
import dev.outlet.server.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in Debian's headless Chromium, against a real Outlet in open mode: a function
 * created by uploading its zip, test-invoked with a saved event, its printed line in the live tail
 * within a second, its memory edited and the next REPORT using it, the charts drawing datapoints;
 * keyboard navigation, a phone's width and no layout shift while data updates; a screenshot of each
 * page. The tests run in order: each builds on the function the first made.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  private static final String FN = "console-hello";
  @TempDir static Path root;
  private static TestServer server;
  private static AwsCli aws;
  private static Browser browser;

  @BeforeAll
  static void start() {
    Browser.assumeInstalled();
    AwsCli.assumeInstalled();
    server = TestServer.start(root.resolve("data"));
    aws = new AwsCli(server.endpoint(), root.resolve("cli"));
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static void go(String hash) {
    browser.open(server.endpoint() + "/#" + hash);
  }

  @Test
  @Order(1)
  void aFunctionIsCreatedByUploadingItsZip() throws Exception {
    go("/functions");
    browser.find("functions-table");
    browser.screenshot("functions-empty");
    browser.find("create-function").click();
    Path zip = root.resolve("hello.zip");
    Files.write(zip, FunctionFolders.zip("python", "hello"));
    browser.find("create-name").sendKeys(FN);
    Select runtime = new Select(browser.find("create-runtime"));
    browser.until(
        d ->
            runtime.getOptions().stream()
                .anyMatch(o -> o.getAttribute("value").equals("python3.11")));
    runtime.selectByValue("python3.11");
    WebElement handler = browser.find("create-handler");
    handler.clear();
    handler.sendKeys("lambda_function.lambda_handler");
    browser.find("create-zip").sendKeys(zip.toString());
    browser.screenshot("create-function");
    browser.find("create-submit").click();
    browser.until(d -> d.getCurrentUrl().contains("#/functions/" + FN));
    assertThat(browser.find("function-name").getText()).contains(FN);
    // the same function as the AWS CLI sees it
    assertThat(
            aws.ok("lambda", "get-function", "--function-name", FN)
                .at("/Configuration/Handler")
                .asText())
        .isEqualTo("lambda_function.lambda_handler");
    go("/functions");
    browser.until(d -> !browser.all("function-row").isEmpty());
    assertThat(browser.find("function-row").getAttribute("data-name")).isEqualTo(FN);
  }

  @Test
  @Order(2)
  void aSavedTestEventInvokesAndShowsTheReport() {
    waitActive();
    go("/functions/" + FN + "/test");
    WebElement name = browser.find("test-event-name");
    name.clear();
    name.sendKeys("greet");
    WebElement body = browser.find("test-event-body");
    body.clear();
    body.sendKeys("{\"name\": \"browser\"}");
    browser.find("test-event-save").click();
    // saved: it is there after a reload, and chosen from the list it fills the editor
    browser.driver().navigate().refresh();
    Select saved = new Select(browser.find("test-event-select"));
    browser.until(d -> saved.getOptions().stream().anyMatch(o -> o.getText().contains("greet")));
    saved.selectByVisibleText(
        saved.getOptions().stream()
            .filter(o -> o.getText().contains("greet"))
            .findFirst()
            .orElseThrow()
            .getText());
    browser.until(d -> browser.find("test-event-body").getAttribute("value").contains("browser"));
    browser.find("test-invoke").click();
    WebElement status =
        browser.until(
            Duration.ofSeconds(30),
            d -> {
              WebElement s = browser.find("test-status");
              return s.getText().isBlank() ? null : s;
            });
    assertThat(status.getText()).contains("Succeeded");
    assertThat(browser.find("test-result").getText()).contains("Hello, browser!");
    WebElement report = browser.find("test-report");
    assertThat(report.getAttribute("data-memory-size")).isEqualTo("128");
    assertThat(Double.parseDouble(report.getAttribute("data-duration"))).isPositive();
    assertThat(browser.find("test-log").getText())
        .contains("Hello from print, browser", "REPORT RequestId");
    browser.screenshot("function-test");
  }

  @Test
  @Order(3)
  void aPrintedLineAppearsInTheLiveTailWithinASecond() {
    go("/functions/" + FN + "/logs");
    browser.find("logs-tail");
    // the tail is connected when the page says so (EventSource open)
    browser.until(d -> "open".equals(browser.find("logs-tail").getAttribute("data-state")));
    String marker = "tail-" + UUID.randomUUID();
    aws.ok(
        "lambda",
        "invoke",
        "--function-name",
        FN,
        "--cli-binary-format",
        "raw-in-base64-out",
        "--payload",
        "{\"name\":\"" + marker + "\"}",
        root.resolve("out.json").toString());
    long answered = System.nanoTime();
    browser.until(
        Duration.ofSeconds(5),
        d ->
            browser.all("log-line").stream()
                .anyMatch(l -> l.getText().contains("Hello from print, " + marker)));
    long shownMs = (System.nanoTime() - answered) / 1_000_000;
    // printed before the invoke answered, on screen within a second of that
    assertThat(shownMs).isLessThan(1000);
    List<WebElement> lines = browser.all("log-line");
    assertThat(lines).anyMatch(l -> l.getAttribute("class").contains("log-report"));
    assertThat(lines).anyMatch(l -> l.getAttribute("class").contains("log-start"));
    browser.screenshot("function-logs");
    // a request id shows that invocation alone
    WebElement last =
        browser.until(
            d -> {
              List<WebElement> ids = browser.all("log-request");
              return ids.isEmpty() ? null : ids.get(ids.size() - 1);
            });
    String requestId = last.getText();
    last.click();
    WebElement view = browser.find("logs-request-view");
    browser.until(d -> view.getText().contains("REPORT RequestId: " + requestId));
    assertThat(view.getText()).contains("START RequestId: " + requestId);
  }

  @Test
  @Order(4)
  void editedMemoryIsWhatTheNextReportUses() {
    go("/functions/" + FN + "/configuration");
    WebElement memory = browser.find("config-memory");
    memory.clear();
    memory.sendKeys("256");
    browser.screenshot("function-configuration");
    browser.find("config-save").click();
    browser.until(Duration.ofSeconds(20), d -> !browser.all("config-saved").isEmpty());
    assertThat(
            aws.ok("lambda", "get-function-configuration", "--function-name", FN)
                .get("MemorySize")
                .asInt())
        .isEqualTo(256);
    go("/functions/" + FN + "/test");
    browser.find("test-invoke").click();
    browser.until(
        Duration.ofSeconds(30),
        d -> {
          var r = browser.all("test-report");
          return !r.isEmpty() && "256".equals(r.get(0).getAttribute("data-memory-size"));
        });
  }

  @Test
  @Order(5)
  void theChartsDrawDatapoints() {
    go("/functions/" + FN + "/monitor");
    browser.until(Duration.ofSeconds(15), d -> points("chart-invocations") > 0);
    assertThat(points("chart-duration")).isPositive();
    browser.screenshot("function-monitor");
    go("/");
    browser.find("dashboard");
    browser.until(Duration.ofSeconds(15), d -> points("chart-invocations") > 0);
    assertThat(browser.find("tile-invocations").getText()).containsPattern("[1-9]");
    assertThat(browser.find("busiest-functions").getText()).contains(FN);
    browser.screenshot("dashboard");
  }

  @Test
  @Order(6)
  void everyPageRendersAndIsScreenshotted() {
    for (String tab :
        List.of("code", "versions", "aliases", "layers", "tags", "url", "triggers", "sandboxes")) {
      go("/functions/" + FN + "/" + tab);
      browser.find("tab-" + tab);
      browser.until(d -> browser.all("error").stream().noneMatch(WebElement::isDisplayed));
      if (tab.equals("code")) {
        browser.until(
            d ->
                browser.all("code-file").stream()
                    .anyMatch(f -> f.getText().contains("lambda_function.py")));
      }
      if (tab.equals("sandboxes")) {
        browser.until(d -> !browser.all("sandbox-row").isEmpty());
      }
      browser.screenshot("function-" + tab);
    }
    for (String page : List.of("apis", "schedules", "queues")) {
      go("/" + page);
      browser.find("nav-" + page);
      browser.until(d -> browser.all("error").stream().noneMatch(WebElement::isDisplayed));
      browser.screenshot(page);
    }
    go("/functions");
    browser.find("function-row");
    browser.screenshot("functions");
  }

  @Test
  @Order(7)
  void theKeyboardReachesTheNavigation() {
    go("/");
    browser.driver().navigate().refresh();
    browser.find("dashboard");
    // from a fresh load, Tab walks the page from its start: skip link, header, then the nav
    String reached = null;
    List<String> walked = new java.util.ArrayList<>();
    for (int i = 0; i < 20 && reached == null; i++) {
      new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys(Keys.TAB).perform();
      String t =
          (String)
              browser.script(
                  "const e = document.activeElement; return e ? (e.dataset.test || e.tagName + '.' + e.className) : null;");
      walked.add(t);
      if ("nav-functions".equals(t)) {
        reached = t;
      }
    }
    assertThat(reached)
        .as("Tab reaches the Functions link; walked " + walked)
        .isEqualTo("nav-functions");
    browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
    browser.until(d -> d.getCurrentUrl().endsWith("#/functions"));
    browser.find("functions-table");
  }

  @Test
  @Order(8)
  void aPhonesWidthHasNoPageWideScrollAndLiveUpdatesDoNotShiftTheLayout() {
    try {
      browser.size(390, 844);
      for (String hash : List.of("/", "/functions", "/functions/" + FN + "/monitor")) {
        go(hash);
        browser.until(d -> !browser.all("nav-functions").isEmpty());
        Number overflow =
            (Number)
                browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow.intValue())
            .as("horizontal overflow at 390 px on " + hash)
            .isLessThanOrEqualTo(0);
      }
      browser.screenshot("phone-function-monitor");
    } finally {
      browser.size(1280, 800);
    }
    go("/");
    browser.until(Duration.ofSeconds(15), d -> points("chart-invocations") > 0);
    // layout shifts over two live updates (every 5 s), after the first paint settled
    Number shift =
        (Number)
            browser.asyncScript(
                "const done = arguments[arguments.length - 1]; let sum = 0;"
                    + "new PerformanceObserver(l => { for (const e of l.getEntries()) {"
                    + "  if (!e.hadRecentInput) sum += e.value; } }).observe({type: 'layout-shift'});"
                    + "setTimeout(() => done(sum), 11000);");
    assertThat(shift.doubleValue())
        .as("cumulative layout shift during live updates")
        .isLessThan(0.01);
  }

  private static int points(String chart) {
    List<WebElement> c = browser.all(chart);
    if (c.isEmpty()) {
      return 0;
    }
    String p = c.get(0).getAttribute("data-points");
    return p == null || p.isBlank() ? 0 : Integer.parseInt(p);
  }

  private static void waitActive() {
    for (int i = 0; i < 100; i++) {
      if (aws.ok("lambda", "get-function-configuration", "--function-name", FN)
          .get("State")
          .asText()
          .equals("Active")) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
