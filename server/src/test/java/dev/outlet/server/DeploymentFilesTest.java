package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;

/**
 * The deployment files in {@code deploy/} stay true to Outlet: the command lines they start are
 * parsed by {@code outlet serve}'s own options and checked as a start would check them (a renamed
 * or removed option, or a combination {@code serve} refuses, fails here), and the Kubernetes
 * objects fit together (privileged pods, the store from a Secret, a Service reaching the pods'
 * port, cgroups mounted).
 */
class DeploymentFilesTest {
  private static final Path DEPLOY = repository().resolve("deploy");
  private static final String STORE = "postgresql://outlet:secret@db.internal:5432/lambda";

  private static Path repository() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("deploy"))) {
      p = p.getParent();
    }
    assertThat(p).as("the repository's deploy/ folder above the working directory").isNotNull();
    return p;
  }

  /** {@code serve}'s settings from {@code args} (without "serve"), as a start would check them. */
  private static ServerConfig serve(List<String> args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args.toArray(String[]::new));
    ServeCommand.Settings settings = serve.settings();
    assertThat(settings).as("%s", args).isInstanceOf(ServeCommand.Settings.Valid.class);
    return ((ServeCommand.Settings.Valid) settings).config();
  }

  private static Map<String, Map<String, String>> unit(Path file) throws IOException {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> section = null;
    for (String line : Files.readAllLines(file)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (l.startsWith("[")) {
        section = new LinkedHashMap<>();
        sections.put(l.substring(1, l.length() - 1), section);
        continue;
      }
      assertThat(section).as("a setting before any section: %s", l).isNotNull();
      int eq = l.indexOf('=');
      assertThat(eq).as("not KEY=VALUE: %s", l).isPositive();
      section.put(l.substring(0, eq), l.substring(eq + 1));
    }
    return sections;
  }

  private static Map<String, String> env(Path file) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    return env;
  }

  /** systemd's ${NAME} expansion of one word from the environment file. */
  private static String expand(String word, Map<String, String> env) {
    Matcher m = Pattern.compile("\\$\\{([A-Z_]+)\\}").matcher(word);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      assertThat(env).as("the environment file sets %s", m.group(1)).containsKey(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(env.get(m.group(1))));
    }
    return m.appendTail(out).toString();
  }

  @Test
  void theSystemdUnitStartsAServeThatTheOptionsAccept() throws IOException {
    Map<String, Map<String, String>> unit = unit(DEPLOY.resolve("systemd/outlet.service"));
    assertThat(unit).containsOnlyKeys("Unit", "Service", "Install");
    Map<String, String> service = unit.get("Service");
    assertThat(service)
        .containsEntry("KillMode", "mixed")
        .containsEntry("Restart", "on-failure")
        .containsEntry("EnvironmentFile", "/etc/outlet/outlet.env");
    assertThat(unit.get("Install")).containsEntry("WantedBy", "multi-user.target");
    Map<String, String> env = env(DEPLOY.resolve("systemd/outlet.env.example"));
    List<String> words = Arrays.asList(service.get("ExecStart").split(" +"));
    assertThat(words.getFirst()).isEqualTo("/opt/outlet/outlet");
    assertThat(words.get(1)).isEqualTo("serve");
    List<String> args = words.subList(2, words.size()).stream().map(w -> expand(w, env)).toList();
    ServerConfig config = serve(args);
    assertThat(config.auth())
        .as("a node another machine reaches signs its requests")
        .isEqualTo(AuthMode.IAM);
    assertThat(config.cluster()).isNotNull();
    assertThat(config.cluster().url().host()).isEqualTo("db.internal");
    assertThat(config.cluster().peerPort()).isEqualTo(9001);
    assertThat(config.cluster().advertise()).isEqualTo("10.0.0.11");
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/outlet"));
    assertThat(Integer.parseInt(service.get("TimeoutStopSec"))).isGreaterThanOrEqualTo(30);
  }

  @Test
  void systemdItselfFindsNothingWrongInTheUnit(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    org.assertj.core.api.Assumptions.assumeThat(Files.isExecutable(analyze))
        .as("systemd-analyze not installed (Debian's systemd package)")
        .isTrue();
    // the unit as installed, but with the launcher and environment file of this checkout
    Path unit = dir.resolve("outlet.service");
    Files.writeString(
        unit,
        Files.readString(DEPLOY.resolve("systemd/outlet.service"))
            .replace("/opt/outlet/outlet", DEPLOY.getParent().resolve("outlet").toString())
            .replace(
                "/etc/outlet/outlet.env", DEPLOY.resolve("systemd/outlet.env.example").toString()));
    Process p =
        new ProcessBuilder(analyze.toString(), "verify", unit.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(said).isZero();
    assertThat(said).as("systemd's warnings (it ignores a setting it cannot parse)").isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Object tree, String... path) {
    Object o = tree;
    for (String key : path) {
      assertThat(o).as("%s in %s", key, Arrays.toString(path)).isInstanceOf(Map.class);
      o = ((Map<String, Object>) o).get(key);
    }
    return (T) o;
  }

  private static List<Map<String, Object>> manifests() throws IOException {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : yaml.loadAll(Files.readString(DEPLOY.resolve("kubernetes/outlet.yaml")))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) doc;
      docs.add(m);
    }
    return docs;
  }

  private static Map<String, Object> kind(List<Map<String, Object>> docs, String kind) {
    return docs.stream()
        .filter(d -> kind.equals(d.get("kind")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind));
  }

  @Test
  void theKubernetesObjectsFitTogetherAndStartAServeThatTheOptionsAccept() throws IOException {
    List<Map<String, Object>> docs = manifests();
    assertThat(docs)
        .extracting(d -> d.get("kind"))
        .containsExactly("Namespace", "DaemonSet", "Service");
    Map<String, Object> ds = kind(docs, "DaemonSet");
    assertThat((String) at(ds, "apiVersion")).isEqualTo("apps/v1");
    Map<String, Object> labels = at(ds, "spec", "template", "metadata", "labels");
    assertThat((Map<String, Object>) at(ds, "spec", "selector", "matchLabels")).isEqualTo(labels);
    List<Map<String, Object>> containers = at(ds, "spec", "template", "spec", "containers");
    assertThat(containers).hasSize(1);
    Map<String, Object> outlet = containers.getFirst();
    assertThat((Boolean) at(outlet, "securityContext", "privileged")).isTrue();

    List<Map<String, Object>> env = at(outlet, "env");
    Map<String, Object> store =
        env.stream().filter(e -> "OUTLET_STORE".equals(e.get("name"))).findFirst().orElseThrow();
    assertThat((String) at(store, "valueFrom", "secretKeyRef", "name")).isEqualTo("outlet-store");
    List<Object> rawArgs = at(outlet, "args");
    assertThat(rawArgs).allMatch(a -> a instanceof String, "every argument a string");
    assertThat(rawArgs.getFirst()).isEqualTo("serve");
    List<String> args =
        rawArgs.subList(1, rawArgs.size()).stream()
            .map(a -> ((String) a).replace("$(OUTLET_STORE)", STORE))
            .map(a -> a.replace("$(POD_IP)", "10.1.2.3"))
            .toList();
    ServerConfig config = serve(args);
    assertThat(config.auth()).isEqualTo(AuthMode.IAM);
    assertThat(config.cluster().url().database()).isEqualTo("lambda");
    Map<String, Object> podIp =
        env.stream().filter(e -> "POD_IP".equals(e.get("name"))).findFirst().orElseThrow();
    assertThat((String) at(podIp, "valueFrom", "fieldRef", "fieldPath")).isEqualTo("status.podIP");
    assertThat(config.cluster().advertise()).isEqualTo("10.1.2.3");

    List<Map<String, Object>> ports = at(outlet, "ports");
    assertThat(ports).hasSize(2);
    assertThat(ports.getLast())
        .as("the peer port, which the other nodes reach")
        .containsEntry("containerPort", config.cluster().peerPort());
    assertThat(ports.getFirst()).containsEntry("containerPort", config.port());
    String portName = (String) ports.getFirst().get("name");
    assertThat((String) at(outlet, "readinessProbe", "httpGet", "port")).isEqualTo(portName);
    assertThat((String) at(outlet, "readinessProbe", "httpGet", "path"))
        .as("the check that answers 503 once the node drains")
        .isEqualTo(EdgeRouter.READY);

    List<Map<String, Object>> mounts = at(outlet, "volumeMounts");
    List<Map<String, Object>> volumes = at(ds, "spec", "template", "spec", "volumes");
    Map<String, String> mounted = new LinkedHashMap<>();
    for (Map<String, Object> m : mounts) {
      Map<String, Object> v =
          volumes.stream()
              .filter(x -> m.get("name").equals(x.get("name")))
              .findFirst()
              .orElseThrow();
      mounted.put((String) m.get("mountPath"), at(v, "hostPath", "path"));
    }
    assertThat(mounted)
        .containsEntry("/sys/fs/cgroup", "/sys/fs/cgroup")
        .containsKey(config.dataDir().toString());

    Map<String, Object> svc = kind(docs, "Service");
    assertThat((Map<String, Object>) at(svc, "spec", "selector")).isEqualTo(labels);
    List<Map<String, Object>> svcPorts = at(svc, "spec", "ports");
    assertThat(svcPorts.getFirst()).containsEntry("targetPort", portName);
    assertThat((String) at(svc, "metadata", "namespace"))
        .isEqualTo(at(ds, "metadata", "namespace"));
  }

  @Test
  void theContainerfileCopiesEveryModuleTheBuildNames() throws IOException {
    List<String> lines = Files.readAllLines(DEPLOY.resolve("Containerfile"));
    List<String> copied = new ArrayList<>();
    for (String l : lines) {
      if (l.startsWith("COPY ")) {
        List<String> words = Arrays.asList(l.split(" +"));
        copied.addAll(words.subList(1, words.size() - 1));
      }
    }
    Path repo = DEPLOY.getParent();
    assertThat(copied).allSatisfy(c -> assertThat(repo.resolve(c)).exists());
    Matcher modules =
        Pattern.compile("<module>([^/<]+)(/[^<]*)?</module>")
            .matcher(Files.readString(repo.resolve("pom.xml")));
    List<String> needed = new ArrayList<>();
    while (modules.find()) {
      needed.add(modules.group(1));
    }
    assertThat(copied).containsAll(needed).contains("outlet", "pom.xml");
  }
}
