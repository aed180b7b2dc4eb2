package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.local.deploy.AwsHttp.ApiException;
import dev.outlet.local.deploy.AwsHttp.UnreachableException;
import dev.outlet.local.sam.SamEvent;
import dev.outlet.local.sam.SamFunction;
import dev.outlet.local.sam.SamTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code outlet deploy}: reads what the server has, shows the plan, applies it. Functions go
 * through the Lambda REST API, routes through apigatewayv2 ({@link HttpApis}), schedules through
 * the EventBridge API, queues through SQS and SQS events as event source mappings ({@link
 * SqsResources}), event invoke configs through {@link InvokeConfigs}. Idempotent: a second run with
 * nothing changed plans nothing and says so. Not thread-safe: one deploy (or watch reload) at a
 * time.
 */
public final class Deployer {
  static final String ROLE = "arn:aws:iam::000000000000:role/outlet-deploy";
  private static final String FUNCTIONS = "/2015-03-31/functions";

  /** A deployed route, for printing its URL. */
  public record Route(String api, String apiId, String routeKey, String function) {}

  /**
   * @param changes how many changes were applied (0: the stack was up to date)
   * @param routesServed false when the server has no apigatewayv2 API
   */
  public record Outcome(int changes, List<Route> routes, boolean routesServed) {}

  private final AwsHttp http;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private final HttpApis apis;
  private final SqsResources sqs;
  private final InvokeConfigs invokeConfigs;
  private final FunctionBodies bodies;
  private final Map<String, String> deployedSha = new LinkedHashMap<>();

  public Deployer(AwsHttp http, PrintWriter out, PrintWriter err, boolean terminal) {
    this.http = http;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.apis = new HttpApis(http);
    this.sqs = new SqsResources(http, err);
    this.invokeConfigs = new InvokeConfigs(http);
    this.bodies = new FunctionBodies(http);
  }

  public Outcome deploy(SamTemplate t) throws DeployException {
    try {
      return run(t);
    } catch (ApiException e) {
      throw new DeployException("the server refused: " + e);
    } catch (UnreachableException e) {
      throw new DeployException(e.getMessage());
    } catch (IOException e) {
      throw new DeployException(e.getMessage());
    }
  }

  private Outcome run(SamTemplate t)
      throws ApiException, UnreachableException, IOException, DeployException {
    List<FunctionPlan> functions = new ArrayList<>();
    List<InvokeConfigPlan> invokeConfigPlans = new ArrayList<>();
    Map<String, DeployCode> codes = new LinkedHashMap<>();
    Map<String, String> arns = new LinkedHashMap<>();
    String account = null;
    for (SamFunction f : t.functions()) {
      checkEntrypoint(f);
      DeployCode code = bodies.code(f);
      codes.put(f.name(), code);
      JsonNode current = getFunction(f.name());
      if (current != null) {
        String arn = current.path("Configuration").path("FunctionArn").asText();
        arns.put(f.name(), arn);
        account = arn.split(":")[4];
      }
      functions.add(FunctionPlan.of(f, code.sha256(), current));
      invokeConfigPlans.add(
          InvokeConfigPlan.of(
              f.name(),
              f.invokeConfig(),
              current == null ? null : invokeConfigs.current(f.name())));
    }
    String acct = account == null ? "000000000000" : account;
    for (SamFunction f : t.functions()) {
      arns.putIfAbsent(
          f.name(), "arn:aws:lambda:" + http.region() + ":" + acct + ":function:" + f.name());
    }
    Map<String, List<RoutePlan.WantedRoute>> wantedRoutes = wantedRoutes(t, arns);
    List<JsonNode> existingApis = null;
    boolean routesServed = true;
    if (!wantedRoutes.isEmpty()) {
      try {
        existingApis = apis.apis();
      } catch (ApiException e) {
        if (e.status() != 404) {
          throw e;
        }
        routesServed = false;
        err.println(
            "Warning: "
                + http.endpoint()
                + " does not serve the apigatewayv2 API (GET /v2/apis answered 404): HTTP routes"
                + " are not deployed; functions and schedules are.");
      }
    }
    Map<String, RoutePlan.Current> apiStates = new LinkedHashMap<>();
    Map<String, List<RoutePlan.Step>> routePlans = new LinkedHashMap<>();
    if (existingApis != null) {
      for (var e : wantedRoutes.entrySet()) {
        String name = t.stackName() + "-" + e.getKey();
        JsonNode api = HttpApis.find(existingApis, t.stackName(), e.getKey(), name);
        RoutePlan.Current cur =
            api == null ? RoutePlan.Current.absent() : apis.current(api.path("apiId").asText());
        apiStates.put(e.getKey(), cur);
        routePlans.put(e.getKey(), RoutePlan.plan(name, e.getValue(), cur));
      }
    }
    List<SchedulePlan> schedules = new ArrayList<>();
    for (SamFunction f : t.functions()) {
      for (SamEvent ev : f.events()) {
        SchedulePlan.Wanted w =
            switch (ev) {
              case SamEvent.Schedule s ->
                  new SchedulePlan.Wanted(
                      "default",
                      s.ruleName(),
                      s.expression(),
                      null,
                      s.enabled(),
                      s.description(),
                      f.logicalId() + s.name() + "LambdaTarget",
                      arns.get(f.name()),
                      s.input(),
                      null);
              case SamEvent.EventRule r ->
                  new SchedulePlan.Wanted(
                      r.bus(),
                      r.ruleName(),
                      null,
                      r.pattern(),
                      r.enabled(),
                      null,
                      f.logicalId() + r.name() + "LambdaTarget",
                      arns.get(f.name()),
                      r.input(),
                      r.inputPath());
              case SamEvent.Http h -> null;
              case SamEvent.Sqs q -> null;
            };
        if (w != null) {
          schedules.add(
              SchedulePlan.of(
                  w, describeRule(w.bus(), w.ruleName()), listTargets(w.bus(), w.ruleName())));
        }
      }
    }
    SqsResources.Plan queuing = sqs.plan(t, new java.util.HashSet<>(arnsOfExisting(functions)));
    List<String> plan = new ArrayList<>(queuing.describeQueues());
    functions.stream().filter(FunctionPlan::changes).forEach(p -> plan.add(p.describe()));
    invokeConfigPlans.stream()
        .filter(InvokeConfigPlan::changes)
        .forEach(p -> plan.add(p.describe()));
    routePlans.forEach((api, steps) -> steps.forEach(s -> describe(api, s, plan)));
    schedules.stream().filter(SchedulePlan::changes).forEach(p -> plan.add(p.describe()));
    plan.addAll(queuing.describeMappings());
    if (plan.isEmpty()) {
      out.println("No changes: stack " + t.stackName() + " is up to date (" + counts(t) + ").");
      out.flush();
      functions.forEach(p -> deployedSha.put(p.function().name(), p.codeSha256()));
      return new Outcome(0, routes(t, apiStates, routesServed), routesServed);
    }
    out.println("Plan for stack " + t.stackName() + " on " + http.endpoint() + ":");
    plan.forEach(l -> out.println("  " + l));
    out.flush();
    sqs.applyQueues(queuing);
    for (FunctionPlan p : functions) {
      if (p.changes()) {
        String arn = apply(p, codes.get(p.function().name()));
        arns.put(p.function().name(), arn);
      }
      deployedSha.put(p.function().name(), p.codeSha256());
    }
    for (InvokeConfigPlan p : invokeConfigPlans) {
      invokeConfigs.apply(p);
    }
    Map<String, String> apiIds = new LinkedHashMap<>();
    if (existingApis != null) {
      for (var e : wantedRoutes(t, arns).entrySet()) {
        RoutePlan.Current cur = apiStates.get(e.getKey());
        List<RoutePlan.Step> steps =
            RoutePlan.plan(t.stackName() + "-" + e.getKey(), e.getValue(), cur);
        String id = apis.apply(cur.apiId(), t.stackName(), e.getKey(), steps, l -> {});
        apiIds.put(e.getKey(), id);
      }
    }
    for (SchedulePlan s : schedules) {
      if (s.changes()) {
        apply(s);
      }
    }
    sqs.applyMappings(queuing);
    out.println(
        "Deployed "
            + plan.size()
            + " change"
            + (plan.size() == 1 ? "" : "s")
            + " to stack "
            + t.stackName()
            + ".");
    out.flush();
    List<Route> routes = new ArrayList<>();
    wantedRoutes(t, arns)
        .forEach(
            (api, list) ->
                list.forEach(
                    w ->
                        routes.add(
                            new Route(api, apiIds.get(api), w.routeKey(), w.functionArn()))));
    return new Outcome(plan.size(), routesServed ? routes : List.of(), routesServed);
  }

  /** The names of the functions that exist already. */
  private static List<String> arnsOfExisting(List<FunctionPlan> functions) {
    return functions.stream().filter(p -> !p.create()).map(p -> p.function().name()).toList();
  }

  /** {@code 1 function, 2 queues}. */
  private static String counts(SamTemplate t) {
    int f = t.functions().size();
    int q = t.queues().size();
    return f
        + " function"
        + (f == 1 ? "" : "s")
        + (q == 0 ? "" : ", " + q + " queue" + (q == 1 ? "" : "s"));
  }

  private static List<Route> routes(
      SamTemplate t, Map<String, RoutePlan.Current> states, boolean served) {
    List<Route> out = new ArrayList<>();
    if (!served) {
      return out;
    }
    for (SamFunction f : t.functions()) {
      for (SamEvent ev : f.events()) {
        if (ev instanceof SamEvent.Http h && states.containsKey(h.api())) {
          out.add(new Route(h.api(), states.get(h.api()).apiId(), h.routeKey(), f.name()));
        }
      }
    }
    return out;
  }

  private static void describe(String api, RoutePlan.Step s, List<String> plan) {
    switch (s) {
      case RoutePlan.Step.CreateApi c -> plan.add("+ http api " + c.name());
      case RoutePlan.Step.CreateRoute c -> plan.add("+ route " + c.routeKey() + " (" + api + ")");
      case RoutePlan.Step.UpdateRoute u -> plan.add("~ route " + u.routeKey() + " (" + api + ")");
      case RoutePlan.Step.DeleteRoute d -> plan.add("- route " + d.routeKey() + " (" + api + ")");
      case RoutePlan.Step.CreateIntegration c -> {}
      case RoutePlan.Step.CreateDefaultStage c -> plan.add("+ stage $default (" + api + ")");
    }
  }

  /** The template's HTTP routes per API logical id, in template order. */
  static Map<String, List<RoutePlan.WantedRoute>> wantedRoutes(
      SamTemplate t, Map<String, String> arns) {
    Map<String, List<RoutePlan.WantedRoute>> out = new LinkedHashMap<>();
    for (SamFunction f : t.functions()) {
      for (SamEvent ev : f.events()) {
        if (ev instanceof SamEvent.Http h) {
          out.computeIfAbsent(h.api(), k -> new ArrayList<>())
              .add(
                  new RoutePlan.WantedRoute(
                      h.routeKey(), arns.get(f.name()), h.payloadFormatVersion()));
        }
      }
    }
    return out;
  }

  /**
   * A custom runtime's folder without its bootstrap is refused here, before anything is sent: the
   * server accepts it (as AWS does, for layers that may come later) but a template deploys no
   * layers, so its invocations could only fail.
   */
  private static void checkEntrypoint(SamFunction f) throws DeployException {
    if (f.isImage()
        || !(f.runtime().startsWith("provided") || f.runtime().equals("go1.x"))
        || !java.nio.file.Files.isDirectory(f.codeUri())) {
      return;
    }
    try {
      dev.outlet.storage.EntrypointInspector.inspect(
          f.codeUri(),
          f.runtime(),
          f.handler(),
          dev.outlet.core.Architecture.fromWire(f.architecture())
              .orElse(dev.outlet.core.Architecture.X86_64));
    } catch (dev.outlet.core.LambdaException e) {
      throw new DeployException(f.logicalId() + ": " + e.getMessage());
    }
  }

  private String apply(FunctionPlan p, DeployCode code)
      throws ApiException, UnreachableException, DeployException {
    SamFunction f = p.function();
    String path = FUNCTIONS + "/" + enc(f.name());
    String arn;
    if (p.create()) {
      ObjectNode body = FunctionBodies.configuration(f, true);
      body.put("FunctionName", f.name());
      body.put("Role", ROLE);
      body.set("Code", bodies.codeBody(code));
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      arn =
          http.upload(
                  "lambda",
                  "POST",
                  FUNCTIONS,
                  bytes,
                  Progress.bar(err, terminal, f.name(), bytes.length))
              .path("FunctionArn")
              .asText();
    } else {
      if (p.configuration().stream().anyMatch(d -> d.startsWith("PackageType "))) {
        throw new DeployException(
            f.logicalId()
                + ": a function's PackageType cannot change ("
                + String.join(", ", p.configuration())
                + "): delete "
                + f.name()
                + " (aws lambda delete-function) and deploy again");
      }
      if (p.code()) {
        byte[] bytes = bodies.codeBody(code).toString().getBytes(StandardCharsets.UTF_8);
        http.upload(
            "lambda",
            "PUT",
            path + "/code",
            bytes,
            Progress.bar(err, terminal, f.name(), bytes.length));
      }
      JsonNode r = null;
      if (!p.configuration().isEmpty()) {
        r =
            http.rest(
                "lambda", "PUT", path + "/configuration", FunctionBodies.configuration(f, false));
      }
      arn = r != null ? r.path("FunctionArn").asText() : null;
    }
    if (p.concurrency() != null) {
      String c = "/2017-10-31/functions/" + enc(f.name()) + "/concurrency";
      if (p.concurrency().equals("set")) {
        http.rest(
            "lambda",
            "PUT",
            c,
            JsonNodeFactory.instance
                .objectNode()
                .put("ReservedConcurrentExecutions", f.reservedConcurrency()));
      } else {
        http.rest("lambda", "DELETE", c, null);
      }
    }
    if (arn == null || arn.isEmpty()) {
      arn = getFunction(f.name()).path("Configuration").path("FunctionArn").asText();
    }
    return arn;
  }

  private void apply(SchedulePlan s) throws ApiException, UnreachableException {
    SchedulePlan.Wanted w = s.wanted();
    if (s.rule()) {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("Name", w.ruleName()).put("State", w.enabled() ? "ENABLED" : "DISABLED");
      if (!w.bus().equals("default")) {
        body.put("EventBusName", w.bus());
      }
      if (w.expression() != null) {
        body.put("ScheduleExpression", w.expression());
      }
      if (w.pattern() != null) {
        body.put("EventPattern", w.pattern());
      }
      if (w.description() != null) {
        body.put("Description", w.description());
      }
      http.json11("events", "AWSEvents.PutRule", body);
    }
    if (s.target()) {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("Rule", w.ruleName());
      if (!w.bus().equals("default")) {
        body.put("EventBusName", w.bus());
      }
      ObjectNode target =
          body.putArray("Targets").addObject().put("Id", w.targetId()).put("Arn", w.functionArn());
      if (w.input() != null) {
        target.put("Input", w.input());
      }
      if (w.inputPath() != null) {
        target.put("InputPath", w.inputPath());
      }
      http.json11("events", "AWSEvents.PutTargets", body);
    }
  }

  /**
   * Watch mode: uploads the function's code if it differs from what was deployed.
   *
   * @return whether new code was uploaded
   */
  public boolean updateCode(SamFunction f, byte[] zip) throws DeployException {
    String sha = Packager.sha256(zip);
    if (sha.equals(deployedSha.get(f.name()))) {
      return false;
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("ZipFile", Base64.getEncoder().encodeToString(zip));
    try {
      http.rest("lambda", "PUT", FUNCTIONS + "/" + enc(f.name()) + "/code", body);
    } catch (ApiException e) {
      throw new DeployException(
          f.logicalId() + ": the server refused the new code: " + e.getMessage());
    } catch (UnreachableException e) {
      throw new DeployException(e.getMessage());
    }
    deployedSha.put(f.name(), sha);
    return true;
  }

  private JsonNode getFunction(String name) throws ApiException, UnreachableException {
    try {
      return http.rest("lambda", "GET", FUNCTIONS + "/" + enc(name), null);
    } catch (ApiException e) {
      if (e.status() == 404) {
        return null;
      }
      throw e;
    }
  }

  private JsonNode describeRule(String bus, String name) throws ApiException, UnreachableException {
    try {
      return http.json11(
          "events",
          "AWSEvents.DescribeRule",
          JsonNodeFactory.instance.objectNode().put("Name", name).put("EventBusName", bus));
    } catch (ApiException e) {
      if (e.code().equals("ResourceNotFoundException")) {
        return null;
      }
      throw e;
    }
  }

  private JsonNode listTargets(String bus, String rule) throws ApiException, UnreachableException {
    try {
      return http.json11(
          "events",
          "AWSEvents.ListTargetsByRule",
          JsonNodeFactory.instance.objectNode().put("Rule", rule).put("EventBusName", bus));
    } catch (ApiException e) {
      if (e.code().equals("ResourceNotFoundException")) {
        return null;
      }
      throw e;
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
