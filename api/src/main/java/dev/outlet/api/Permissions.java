package dev.outlet.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.core.Account;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.FunctionRef;
import dev.outlet.core.LambdaException;
import dev.outlet.edge.Call;
import dev.outlet.edge.Protocol;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.iam.policy.PolicyException;
import dev.outlet.iam.policy.PolicyKind;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * AddPermission, RemovePermission and GetPolicy: a function's resource-based policy, built from
 * statements as Lambda builds them (a {@code Sid}, {@code Allow}, the principal as an account root,
 * an ARN, a service or {@code *}, the action, the function's ARN and the conditions its members ask
 * for), with Lambda's errors. Runs on the edge's virtual threads; one writer at a time.
 */
final class Permissions {
  private static final Pattern STATEMENT_ID = Pattern.compile("[a-zA-Z0-9-_.]{1,100}");
  private static final Pattern ACTION = Pattern.compile("(lambda:[*]|lambda:[a-zA-Z]+|[*])");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final int MAX_POLICY = 20_480;
  private static final String PRECONDITION =
      "The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to"
          + " retrieve the latest Revision Id";

  /** AddPermission's body. */
  record AddPermissionRequest(
      @JsonProperty("StatementId") String statementId,
      @JsonProperty("Action") String action,
      @JsonProperty("Principal") String principal,
      @JsonProperty("SourceArn") String sourceArn,
      @JsonProperty("SourceAccount") String sourceAccount,
      @JsonProperty("EventSourceToken") String eventSourceToken,
      @JsonProperty("RevisionId") String revisionId,
      @JsonProperty("PrincipalOrgID") String principalOrgId,
      @JsonProperty("FunctionUrlAuthType") String functionUrlAuthType) {}

  record AddPermissionResponse(@JsonProperty("Statement") String statement) {}

  record GetPolicyResponse(
      @JsonProperty("Policy") String policy, @JsonProperty("RevisionId") String revisionId) {}

  private final FunctionPolicies policies;
  private final FunctionRegistry registry;
  private final Account account;
  private final Object writer = new Object();

  Permissions(FunctionPolicies policies, FunctionRegistry registry, Account account) {
    this.policies = policies;
    this.registry = registry;
    this.account = account;
  }

  Object add(Call call) {
    Target t = target(call);
    AddPermissionRequest in = WireJson.read(call.body(), AddPermissionRequest.class);
    require(in.statementId(), "statementId", STATEMENT_ID, "([a-zA-Z0-9-_.]+)");
    require(in.action(), "action", ACTION, ACTION.pattern());
    if (in.principal() == null || in.principal().isEmpty()) {
      throw LambdaException.validation(in.principal(), "principal", "Member must not be null");
    }
    if (in.functionUrlAuthType() != null
        && !in.functionUrlAuthType().equals("NONE")
        && !in.functionUrlAuthType().equals("AWS_IAM")) {
      throw LambdaException.validation(
          in.functionUrlAuthType(),
          "functionUrlAuthType",
          "Member must satisfy enum value set: [AWS_IAM, NONE]");
    }
    synchronized (writer) {
      var existing = policies.find(t.name(), t.qualifier());
      if (in.revisionId() != null
          && existing.isPresent()
          && !existing.get().revisionId().equals(in.revisionId())) {
        throw new LambdaException(ErrorCode.PRECONDITION_FAILED, PRECONDITION);
      }
      ObjectNode document =
          existing.isPresent() ? (ObjectNode) tree(existing.get().json()) : emptyDocument();
      ArrayNode statements = (ArrayNode) document.get("Statement");
      for (JsonNode s : statements) {
        if (in.statementId().equals(s.path("Sid").asText())) {
          throw LambdaException.conflict(
              "The statement id ("
                  + in.statementId()
                  + ") provided already exists. Please provide a new statement id, or remove the"
                  + " existing statement.");
        }
      }
      ObjectNode statement = statement(in, t.arn());
      statements.add(statement);
      String json = document.toString();
      if (json.length() > MAX_POLICY) {
        throw new LambdaException(
            ErrorCode.POLICY_LENGTH_EXCEEDED,
            "The final policy size ("
                + json.length()
                + ") is bigger than the limit ("
                + MAX_POLICY
                + ").");
      }
      check(json);
      policies.write(t.name(), t.qualifier(), json, UUID.randomUUID().toString());
      return Protocol.RestJson.reply(201, new AddPermissionResponse(statement.toString()));
    }
  }

  Object remove(Call call) {
    Target t = target(call);
    String sid = call.label("StatementId");
    String revision = call.query("RevisionId");
    synchronized (writer) {
      var existing = policies.find(t.name(), t.qualifier());
      if (existing.isEmpty()) {
        throw LambdaException.notFound("No policy is associated with the given resource.");
      }
      if (revision != null && !existing.get().revisionId().equals(revision)) {
        throw new LambdaException(ErrorCode.PRECONDITION_FAILED, PRECONDITION);
      }
      ObjectNode document = (ObjectNode) tree(existing.get().json());
      ArrayNode statements = (ArrayNode) document.get("Statement");
      ArrayNode kept = statements.arrayNode();
      statements.forEach(
          s -> {
            if (!s.path("Sid").asText().equals(sid)) {
              kept.add(s);
            }
          });
      if (kept.size() == statements.size()) {
        throw LambdaException.notFound("Statement " + sid + " is not found in resource policy.");
      }
      document.set("Statement", kept);
      policies.write(
          t.name(),
          t.qualifier(),
          kept.isEmpty() ? null : document.toString(),
          UUID.randomUUID().toString());
      return Protocol.RestJson.reply(204, null);
    }
  }

  Object get(Call call) {
    Target t = target(call);
    var stored =
        policies
            .find(t.name(), t.qualifier())
            .orElseThrow(
                () -> LambdaException.notFound("The resource you requested does not exist."));
    return new GetPolicyResponse(stored.json(), stored.revisionId());
  }

  /** The function (and qualifier) a call names, which must exist. */
  private record Target(String name, String qualifier, String arn) {}

  private Target target(Call call) {
    Account in = account.inRegion(call.identity().regionOr(null));
    String raw = call.label("FunctionName");
    String query = call.query("Qualifier");
    String name = Qualifiers.resolve(raw, query, in, registry, false);
    String qualifier = FunctionRef.parse(raw).qualifier();
    if (qualifier == null) {
      qualifier = query;
    }
    String arn = in.functionArn(name) + (qualifier == null ? "" : ":" + qualifier);
    return new Target(name, qualifier == null ? "" : qualifier, arn);
  }

  private ObjectNode statement(AddPermissionRequest in, String resource) {
    ObjectNode s = WireJson.MAPPER.createObjectNode();
    s.put("Sid", in.statementId());
    s.put("Effect", "Allow");
    String p = in.principal();
    if (p.equals("*")) {
      s.put("Principal", "*");
    } else if (ACCOUNT.matcher(p).matches()) {
      s.putObject("Principal").put("AWS", "arn:aws:iam::" + p + ":root");
    } else if (p.startsWith("arn:")) {
      s.putObject("Principal").put("AWS", p);
    } else {
      s.putObject("Principal").put("Service", p);
    }
    s.put("Action", in.action());
    s.put("Resource", resource);
    ObjectNode condition = WireJson.MAPPER.createObjectNode();
    if (in.sourceAccount() != null) {
      condition.with("StringEquals").put("AWS:SourceAccount", in.sourceAccount());
    }
    if (in.principalOrgId() != null) {
      condition.with("StringEquals").put("aws:PrincipalOrgID", in.principalOrgId());
    }
    if (in.functionUrlAuthType() != null) {
      condition.with("StringEquals").put("lambda:FunctionUrlAuthType", in.functionUrlAuthType());
    }
    if (in.eventSourceToken() != null) {
      condition.with("StringEquals").put("lambda:EventSourceToken", in.eventSourceToken());
    }
    if (in.sourceArn() != null) {
      condition.with("ArnLike").put("AWS:SourceArn", in.sourceArn());
    }
    if (!condition.isEmpty()) {
      s.set("Condition", condition);
    }
    return s;
  }

  private static ObjectNode emptyDocument() {
    ObjectNode d = WireJson.MAPPER.createObjectNode();
    d.put("Version", "2012-10-17");
    d.put("Id", "default");
    d.putArray("Statement");
    return d;
  }

  private static JsonNode tree(String json) {
    try {
      return WireJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored function policy is not JSON", e);
    }
  }

  /** The statement must parse as a resource policy (a principal IAM does not accept fails here). */
  private static void check(String json) {
    try {
      PolicyDocument.parse(json, PolicyKind.RESOURCE);
    } catch (PolicyException e) {
      throw LambdaException.invalidParameter(
          "The provided principal was invalid. Please check the principal and try again.");
    }
  }

  private static void require(String value, String member, Pattern pattern, String text) {
    if (value == null) {
      throw LambdaException.validation(null, member, "Member must not be null");
    }
    if (!pattern.matcher(value).matches()) {
      throw LambdaException.validation(
          value, member, "Member must satisfy regular expression pattern: " + text);
    }
  }
}
