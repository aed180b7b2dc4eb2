package dev.outlet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.api.model.ZipFileBase64;
import dev.outlet.core.Account;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import dev.outlet.edge.Call;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layer operations: publish, get (by name and number, or by ARN), list, delete, and a layer
 * version's permissions, with AWS's shapes and errors. Runs on the edge's virtual threads.
 */
final class LayerOperations {
  private static final Pattern NAME =
      Pattern.compile(
          "(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:([a-zA-Z0-9-_]+))|([a-zA-Z0-9-_]+)");
  private static final Pattern VERSION_ARN =
      Pattern.compile(
          "arn:[a-zA-Z0-9-]+:lambda:([a-zA-Z0-9-]+):(\\d{12}):layer:([a-zA-Z0-9-_]+):([0-9]+)");
  private static final Pattern STATEMENT_ID = Pattern.compile("([a-zA-Z0-9-_]+)");
  private static final Pattern PRINCIPAL =
      Pattern.compile("\\d{12}|\\*|arn:(aws[a-zA-Z-]*):iam::\\d{12}:root");
  private static final DateTimeFormatter CREATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  record Content(
      @JsonProperty("ZipFile") @JsonDeserialize(using = ZipFileBase64.class) byte[] zipFile,
      @JsonProperty("S3Bucket") String s3Bucket,
      @JsonProperty("S3Key") String s3Key) {}

  record PublishRequest(
      @JsonProperty("Description") String description,
      @JsonProperty("Content") Content content,
      @JsonProperty("CompatibleRuntimes") List<String> compatibleRuntimes,
      @JsonProperty("LicenseInfo") String licenseInfo,
      @JsonProperty("CompatibleArchitectures") List<String> compatibleArchitectures) {}

  record ContentOutput(
      @JsonProperty("Location") String location,
      @JsonProperty("CodeSha256") String codeSha256,
      @JsonProperty("CodeSize") long codeSize) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record LayerVersion(
      @JsonProperty("Content") ContentOutput content,
      @JsonProperty("LayerArn") String layerArn,
      @JsonProperty("LayerVersionArn") String layerVersionArn,
      @JsonProperty("Description") String description,
      @JsonProperty("CreatedDate") String createdDate,
      @JsonProperty("Version") long version,
      @JsonProperty("CompatibleRuntimes") List<String> compatibleRuntimes,
      @JsonProperty("LicenseInfo") String licenseInfo,
      @JsonProperty("CompatibleArchitectures") List<String> compatibleArchitectures) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record LayerVersionsListItem(
      @JsonProperty("LayerVersionArn") String layerVersionArn,
      @JsonProperty("Version") long version,
      @JsonProperty("Description") String description,
      @JsonProperty("CreatedDate") String createdDate,
      @JsonProperty("CompatibleRuntimes") List<String> compatibleRuntimes,
      @JsonProperty("LicenseInfo") String licenseInfo,
      @JsonProperty("CompatibleArchitectures") List<String> compatibleArchitectures) {}

  record LayersListItem(
      @JsonProperty("LayerName") String layerName,
      @JsonProperty("LayerArn") String layerArn,
      @JsonProperty("LatestMatchingVersion") LayerVersionsListItem latestMatchingVersion) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListLayersResponse(
      @JsonProperty("NextMarker") String nextMarker,
      @JsonProperty("Layers") List<LayersListItem> layers) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ListLayerVersionsResponse(
      @JsonProperty("NextMarker") String nextMarker,
      @JsonProperty("LayerVersions") List<LayerVersionsListItem> layerVersions) {}

  record AddPermissionRequest(
      @JsonProperty("StatementId") String statementId,
      @JsonProperty("Action") String action,
      @JsonProperty("Principal") String principal,
      @JsonProperty("OrganizationId") String organizationId) {}

  record StatementResponse(
      @JsonProperty("Statement") String statement, @JsonProperty("RevisionId") String revisionId) {}

  record PolicyResponse(
      @JsonProperty("Policy") String policy, @JsonProperty("RevisionId") String revisionId) {}

  private final LayerStore store;
  private final CodeLinks links;
  private final Account account;

  LayerOperations(LayerStore store, CodeLinks links, Account account) {
    this.store = store;
    this.links = links;
    this.account = account;
  }

  Map<String, Operation> operations() {
    return Map.of(
        "PublishLayerVersion", this::publish,
        "GetLayerVersion", this::get,
        "ListLayerVersions", this::listVersions,
        "ListLayers", this::listOrFind,
        "DeleteLayerVersion", this::delete,
        "AddLayerVersionPermission", this::addPermission,
        "GetLayerVersionPolicy", this::getPolicy,
        "RemoveLayerVersionPermission", this::removePermission);
  }

  private Object publish(Call call) {
    String name = name(call);
    PublishRequest in = WireJson.read(call.body(), PublishRequest.class);
    if (in.content() == null) {
      throw LambdaException.validation("null", "content", "Member must not be null");
    }
    if (in.content().zipFile() == null) {
      throw LambdaException.invalidParameter(
          "Outlet takes a layer's zip in Content.ZipFile (--zip-file fileb://layer.zip); S3"
              + " locations are not supported.");
    }
    List<String> runtimes = in.compatibleRuntimes() == null ? List.of() : in.compatibleRuntimes();
    if (runtimes.size() > 15) {
      throw LambdaException.validation(
          runtimes.toString(),
          "compatibleRuntimes",
          "Member must have length less than or equal to 15");
    }
    List<String> archs =
        in.compatibleArchitectures() == null ? List.of() : in.compatibleArchitectures();
    if (archs.size() > 2) {
      throw LambdaException.validation(
          archs.toString(),
          "compatibleArchitectures",
          "Member must have length less than or equal to 2");
    }
    for (String a : archs) {
      if (!a.equals("x86_64") && !a.equals("arm64")) {
        throw LambdaException.validation(
            archs.toString(),
            "compatibleArchitectures",
            "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]");
      }
    }
    if (in.licenseInfo() != null && in.licenseInfo().length() > 512) {
      throw LambdaException.validation(
          in.licenseInfo(), "licenseInfo", "Member must have length less than or equal to 512");
    }
    String description = AliasRules.description(in.description());
    LayerStore.Version v =
        store.publish(
            name,
            in.content().zipFile(),
            description,
            runtimes.isEmpty() ? null : runtimes,
            archs.isEmpty() ? null : archs,
            in.licenseInfo(),
            CREATED.format(java.time.Instant.now()));
    return Protocol.RestJson.reply(201, view(call, name, v));
  }

  private Object get(Call call) {
    String name = name(call);
    return Protocol.RestJson.reply(200, view(call, name, existing(name, number(call))));
  }

  /**
   * ListLayers, or GetLayerVersionByArn ({@code ?find=LayerVersion&Arn=}), which shares its path.
   */
  private Object listOrFind(Call call) {
    if ("LayerVersion".equals(call.query("find"))) {
      String arn = call.query("Arn");
      Matcher m = arn == null ? null : VERSION_ARN.matcher(arn);
      if (m == null || !m.matches()) {
        throw LambdaException.validation(
            String.valueOf(arn),
            "arn",
            "Member must satisfy regular expression pattern: " + VERSION_ARN.pattern());
      }
      Account in = account(call);
      Optional<LayerStore.Version> v =
          m.group(1).equals(in.region()) && m.group(2).equals(in.id())
              ? store.version(m.group(3), Long.parseLong(m.group(4)))
              : Optional.empty();
      return Protocol.RestJson.reply(
          200,
          view(
              call,
              m.group(3),
              v.orElseThrow(
                  () -> LambdaException.notFound("The resource you requested does not exist."))));
    }
    String runtime = call.query("CompatibleRuntime");
    String arch = call.query("CompatibleArchitecture");
    List<LayersListItem> all = new ArrayList<>();
    for (String name : store.names()) {
      store.versions(name).stream()
          .filter(v -> matches(v, runtime, arch))
          .findFirst()
          .ifPresent(
              v -> all.add(new LayersListItem(name, layerArn(call, name), item(call, name, v))));
    }
    Paging.Page<LayersListItem> page =
        Paging.page(
            all, call.query("Marker"), call.query("MaxItems"), LayersListItem::layerName, x -> x);
    return Protocol.RestJson.reply(200, new ListLayersResponse(page.nextMarker(), page.items()));
  }

  private Object listVersions(Call call) {
    String name = name(call);
    String runtime = call.query("CompatibleRuntime");
    String arch = call.query("CompatibleArchitecture");
    List<LayerStore.Version> all =
        store.versions(name).stream().filter(v -> matches(v, runtime, arch)).toList();
    Paging.Page<LayerVersionsListItem> page =
        Paging.page(
            all,
            call.query("Marker"),
            call.query("MaxItems"),
            v -> Long.toString(v.version()),
            v -> item(call, name, v));
    return Protocol.RestJson.reply(
        200, new ListLayerVersionsResponse(page.nextMarker(), page.items()));
  }

  private Object delete(Call call) {
    store.delete(name(call), number(call)); // 204 whether or not it existed, as AWS
    return Protocol.RestJson.reply(204, null);
  }

  private Object addPermission(Call call) {
    String name = name(call);
    long number = number(call);
    existing(name, number);
    AddPermissionRequest in = WireJson.read(call.body(), AddPermissionRequest.class);
    require(in.statementId(), "statementId", STATEMENT_ID);
    if (!"lambda:GetLayerVersion".equals(in.action())) {
      throw LambdaException.validation(
          String.valueOf(in.action()),
          "action",
          "Member must satisfy regular expression pattern: lambda:GetLayerVersion");
    }
    require(in.principal(), "principal", PRINCIPAL);
    String revision = call.query("RevisionId");
    return store.locked(
        () -> {
          Optional<String> current = store.policy(name, number);
          ObjectNode doc =
              current.map(LayerOperations::tree).orElseGet(LayerOperations::emptyPolicy);
          if (revision != null && !revision.equals(doc.path("RevisionId").asText())) {
            throw new LambdaException(
                ErrorCode.PRECONDITION_FAILED,
                "The Revision Id provided does not match the latest Revision Id. Call the"
                    + " GetLayerPolicy API to retrieve the latest Revision Id");
          }
          ArrayNode statements = (ArrayNode) doc.get("Policy").get("Statement");
          for (JsonNode s : statements) {
            if (in.statementId().equals(s.path("Sid").asText())) {
              throw LambdaException.conflict(
                  "The statement id ("
                      + in.statementId()
                      + ") provided already exists. Please provide a new statement id, or remove"
                      + " the existing statement.");
            }
          }
          ObjectNode s = statements.addObject();
          s.put("Sid", in.statementId());
          s.put("Effect", "Allow");
          if (in.principal().equals("*")) {
            s.put("Principal", "*");
          } else {
            s.putObject("Principal")
                .put(
                    "AWS",
                    in.principal().startsWith("arn:")
                        ? in.principal()
                        : "arn:aws:iam::" + in.principal() + ":root");
          }
          s.put("Action", "lambda:GetLayerVersion");
          s.put("Resource", layerArn(call, name) + ":" + number);
          if (in.organizationId() != null) {
            s.putObject("Condition")
                .putObject("StringEquals")
                .put("aws:PrincipalOrgID", in.organizationId());
          }
          String next = UUID.randomUUID().toString();
          doc.put("RevisionId", next);
          store.policy(name, number, doc.toString());
          return Protocol.RestJson.reply(201, new StatementResponse(s.toString(), next));
        });
  }

  private Object getPolicy(Call call) {
    String name = name(call);
    long number = number(call);
    existing(name, number);
    ObjectNode doc =
        store
            .policy(name, number)
            .map(LayerOperations::tree)
            .orElseThrow(
                () -> LambdaException.notFound("No policy is associated with the given resource."));
    return Protocol.RestJson.reply(
        200, new PolicyResponse(doc.get("Policy").toString(), doc.get("RevisionId").asText()));
  }

  private Object removePermission(Call call) {
    String name = name(call);
    long number = number(call);
    existing(name, number);
    String sid = call.label("StatementId");
    String revision = call.query("RevisionId");
    return store.locked(
        () -> {
          ObjectNode doc =
              store
                  .policy(name, number)
                  .map(LayerOperations::tree)
                  .orElseThrow(
                      () ->
                          LambdaException.notFound(
                              "No policy is associated with the given resource."));
          if (revision != null && !revision.equals(doc.path("RevisionId").asText())) {
            throw new LambdaException(
                ErrorCode.PRECONDITION_FAILED,
                "The Revision Id provided does not match the latest Revision Id. Call the"
                    + " GetLayerPolicy API to retrieve the latest Revision Id");
          }
          ArrayNode statements = (ArrayNode) doc.get("Policy").get("Statement");
          ArrayNode kept = statements.arrayNode();
          statements.forEach(
              s -> {
                if (!sid.equals(s.path("Sid").asText())) {
                  kept.add(s);
                }
              });
          if (kept.size() == statements.size()) {
            throw LambdaException.notFound(
                "Statement " + sid + " is not found in resource policy.");
          }
          ((ObjectNode) doc.get("Policy")).set("Statement", kept);
          doc.put("RevisionId", UUID.randomUUID().toString());
          store.policy(name, number, kept.isEmpty() ? null : doc.toString());
          return Protocol.RestJson.reply(204, null);
        });
  }

  private static ObjectNode emptyPolicy() {
    ObjectNode doc = WireJson.MAPPER.createObjectNode();
    ObjectNode policy = doc.putObject("Policy");
    policy.put("Version", "2012-10-17");
    policy.put("Id", "default");
    policy.putArray("Statement");
    return doc;
  }

  private static ObjectNode tree(String json) {
    try {
      return (ObjectNode) WireJson.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("a stored layer policy does not parse", e);
    }
  }

  private static void require(String value, String member, Pattern pattern) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw LambdaException.validation(
          String.valueOf(value),
          member,
          "Member must satisfy regular expression pattern: " + pattern.pattern());
    }
  }

  private static boolean matches(LayerStore.Version v, String runtime, String arch) {
    return (runtime == null
            || (v.compatibleRuntimes() != null && v.compatibleRuntimes().contains(runtime)))
        && (arch == null
            || (v.compatibleArchitectures() != null && v.compatibleArchitectures().contains(arch)));
  }

  private LayerStore.Version existing(String name, long number) {
    return store
        .version(name, number)
        .orElseThrow(() -> LambdaException.notFound("The resource you requested does not exist."));
  }

  /** The layer name a call names (a name, or a layer ARN of this account and region). */
  private String name(Call call) {
    String raw = call.label("LayerName");
    Matcher m = raw == null || raw.length() > 140 ? null : NAME.matcher(raw);
    if (m == null || !m.matches()) {
      throw LambdaException.validation(
          String.valueOf(raw),
          "layerName",
          "Member must satisfy regular expression pattern: " + NAME.pattern());
    }
    return m.group(2) != null ? m.group(2) : m.group(3);
  }

  private static long number(Call call) {
    try {
      return Long.parseLong(call.label("VersionNumber"));
    } catch (NumberFormatException e) {
      throw LambdaException.validation(
          String.valueOf(call.label("VersionNumber")), "versionNumber", "Member must be a number");
    }
  }

  private LayerVersion view(Call call, String name, LayerStore.Version v) {
    return new LayerVersion(
        new ContentOutput(
            links.link(v.code().sha256Hex()), v.code().sha256Base64(), v.code().size()),
        layerArn(call, name),
        layerArn(call, name) + ":" + v.version(),
        v.description(),
        v.createdDate(),
        v.version(),
        v.compatibleRuntimes(),
        v.licenseInfo(),
        v.compatibleArchitectures());
  }

  private LayerVersionsListItem item(Call call, String name, LayerStore.Version v) {
    return new LayerVersionsListItem(
        layerArn(call, name) + ":" + v.version(),
        v.version(),
        v.description(),
        v.createdDate(),
        v.compatibleRuntimes(),
        v.licenseInfo(),
        v.compatibleArchitectures());
  }

  private String layerArn(Call call, String name) {
    Account in = account(call);
    return "arn:aws:lambda:" + in.region() + ":" + in.id() + ":layer:" + name;
  }

  private Account account(Call call) {
    return account.inRegion(call.identity().regionOr(null));
  }
}
