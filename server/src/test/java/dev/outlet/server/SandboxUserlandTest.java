package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.server.testkit.TestCa;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A function's userland inside a real sandbox, as uid 993: the everyday tools a function runs by
 * name from PATH (awk, which and java go through /etc/alternatives; Node.js reads
 * /etc/ssl/openssl.cnf at start), the system CA store, TLS to a loopback server whose CA the
 * function adds through SSL_CERT_FILE, name resolution and time zones, and no secrets under /etc.
 * Each was broken when /etc was made mode 0700 by bubblewrap; the runtime here is a plain shell
 * loop with curl, as AWS's custom runtime tutorial writes one.
 */
class SandboxUserlandTest {
  private static final String RUNTIME =
      """
      #!/bin/sh
      API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation"
      while true; do
        curl -sS -D /tmp/headers -o /tmp/event "$API/next"
        id=$(grep -i '^lambda-runtime-aws-request-id:' /tmp/headers | tr -d '\\r' | cut -d' ' -f2)
        sh "$LAMBDA_TASK_ROOT/checks.sh" "$(cat /tmp/event)" > /tmp/out 2>&1
        curl -sS -X POST --data-binary @/tmp/out "$API/$id/response" > /dev/null
      done
      """;

  private static final String CHECKS =
      """
      port=$1
      check() {
        name=$1; shift
        if out=$("$@" 2>&1); then
          echo "ok $name: $(printf '%s' "$out" | head -n 1)"
        else
          echo "FAIL $name: $(printf '%s' "$out" | tr '\\n' ' ')"
        fi
      }
      check awk sh -c 'echo "a b" | awk "{print \\$2}"'
      check grep sh -c 'echo abc | grep -o b'
      check sed sh -c 'echo abc | sed s/b/B/'
      check sort sh -c 'printf "b\\na\\n" | sort | head -n 1'
      check which sh -c 'which java && which python3 && which node'
      check date date -u +%Y
      check base64 sh -c 'echo hi | base64 | base64 -d'
      check tar sh -c 'cd /tmp && echo x > f && tar czf t.tgz f && tar tzf t.tgz'
      check gzip sh -c 'echo zipped | gzip | gzip -d'
      check java java -version
      check python3 python3 -c 'print(6 * 7)'
      check node node -e 'console.log(6 * 7)'
      check getent getent hosts localhost
      check user id -un
      check timezone sh -c 'TZ=America/New_York date +%Z'
      check zoneinfo python3 -c 'import zoneinfo; print(zoneinfo.ZoneInfo("Europe/Paris"))'
      check system-ca env -u SSL_CERT_FILE python3 -c 'import ssl; print(ssl.create_default_context().cert_store_stats()["x509_ca"])'
      check https-curl curl -sS "https://localhost:$port/"
      check https-python python3 -c "import urllib.request; print(urllib.request.urlopen('https://localhost:$port/').read().decode())"
      check sh-is-bash sh -c 'set -euo pipefail && echo pipefail'
      check no-shadow sh -c 'test ! -e /etc/shadow && echo absent'
      check users sh -c 'cut -d: -f1 /etc/passwd | tr "\\n" " "'
      """;

  @TempDir static Path root;
  private static TestServer server;
  private static TestCa tls;

  @BeforeAll
  static void start() {
    // the TLS server stands on the host's loopback, which a sandbox with a network of its own does
    // not reach (SandboxNetworkTest): the userland is what is tested here, on the host's network
    server =
        TestServer.start(
            root.resolve("data"),
            c -> c.withSandboxNetwork(dev.outlet.sandbox.SandboxNetwork.Mode.HOST));
    Assumptions.assumeTrue(
        server.server().protections().dropsPrivileges(),
        "needs bubblewrap, setpriv and root to run a sandbox as uid 993: "
            + server.server().protections().summary());
    tls = TestCa.serving("hello over TLS");
  }

  @AfterAll
  static void stop() {
    if (tls != null) {
      tls.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everydayToolsWorkInsideTheSandboxAsTheSandboxUser() {
    byte[] zip =
        TestZips.zip()
            .executable("bootstrap", RUNTIME)
            .file("checks.sh", CHECKS, 0644)
            .file("ca.pem", tls.caPem(), 0644)
            .bytes();
    server.create(
        "userland",
        zip,
        b ->
            b.memorySize(1769) // a whole vCPU: a JVM, Node.js and Python start in turn
                .timeout(60)
                .environment(e -> e.variables(Map.of("SSL_CERT_FILE", "/var/task/ca.pem"))));

    InvokeResponse response = server.invoke("userland", Integer.toString(tls.port()));

    String out = response.payload().asUtf8String();
    List<String> lines = Arrays.asList(out.split("\n"));
    assertThat(lines).as(out).allMatch(l -> l.startsWith("ok "));
    assertThat(lines)
        .as(out)
        .contains(
            "ok awk: b",
            "ok grep: b",
            "ok sed: aBc",
            "ok sort: a",
            "ok base64: hi",
            "ok tar: f",
            "ok gzip: zipped",
            "ok python3: 42",
            "ok node: 42",
            "ok user: sbx_user1051",
            "ok https-curl: hello over TLS",
            "ok https-python: hello over TLS",
            "ok sh-is-bash: pipefail",
            "ok no-shadow: absent",
            "ok users: root sbx_user1051 nobody ",
            "ok zoneinfo: Europe/Paris");
    assertThat(out).containsPattern("ok java: (openjdk|java) version");
    assertThat(out).containsPattern("ok getent: (127\\.0\\.0\\.1|::1)\\s+localhost");
    assertThat(out).containsPattern("ok timezone: E[SD]T");
    assertThat(out).containsPattern("ok which: /usr/bin/+java");
    int cas = Integer.parseInt(out.replaceAll("(?s).*ok system-ca: (\\d+).*", "$1"));
    assertThat(cas).as("certificates in the system CA store").isGreaterThan(50);
  }
}
