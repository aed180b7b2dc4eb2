package dev.outlet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.outlet.core.Account;
import dev.outlet.core.LambdaException;
import dev.outlet.edge.Call;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TagResource, UntagResource and ListTags on a function's ARN, with AWS's rules and errors. */
final class TagOperations {
  private static final String PATTERN_TEXT =
      "arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:"
          + "(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?"
          + "|code-signing-config:csc-[a-z0-9]{17}"
          + "|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
          + "-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)";
  private static final Pattern TAGGABLE = Pattern.compile(PATTERN_TEXT);
  private static final Pattern FUNCTION =
      Pattern.compile(
          "arn:aws[a-zA-Z-]*:lambda:([^:]+):(\\d{12}):function:([a-zA-Z0-9-_]+)(:([^:]+))?");

  record TagResourceRequest(@JsonProperty("Tags") Map<String, String> tags) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ListTagsResponse(@JsonProperty("Tags") Map<String, String> tags) {}

  private final FunctionTags tags;
  private final FunctionRegistry registry;
  private final Account account;

  TagOperations(FunctionTags tags, FunctionRegistry registry, Account account) {
    this.tags = tags;
    this.registry = registry;
    this.account = account;
  }

  Map<String, Operation> operations() {
    return Map.of(
        "TagResource", this::tag,
        "UntagResource", this::untag,
        "ListTags", this::list);
  }

  private Object tag(Call call) {
    String function = function(call);
    TagResourceRequest in = WireJson.read(call.body(), TagResourceRequest.class);
    if (in.tags() == null) {
      throw LambdaException.validation("null", "tags", "Member must not be null");
    }
    tags.tag(function, in.tags());
    return Protocol.RestJson.reply(204, null);
  }

  private Object untag(Call call) {
    String function = function(call);
    String raw = call.head().rawQuery();
    List<String> keys =
        raw == null
            ? List.of()
            : dev.outlet.edge.Percent.query(raw).getOrDefault("tagKeys", List.of());
    if (keys.isEmpty()) {
      throw LambdaException.validation("null", "tagKeys", "Member must not be null");
    }
    tags.untag(function, keys);
    return Protocol.RestJson.reply(204, null);
  }

  private Object list(Call call) {
    return Protocol.RestJson.reply(200, new ListTagsResponse(tags.of(function(call))));
  }

  /** The existing, unqualified function a taggable ARN names. */
  private String function(Call call) {
    String arn = call.label("Resource");
    Account in = account.inRegion(call.identity().regionOr(null));
    if (arn == null || arn.length() > 256 || !TAGGABLE.matcher(arn).matches()) {
      throw LambdaException.validation(
          String.valueOf(arn),
          "resource",
          "Member must satisfy regular expression pattern: " + PATTERN_TEXT);
    }
    Matcher m = FUNCTION.matcher(arn);
    if (!m.matches()) {
      throw LambdaException.notFound("The resource you requested does not exist.");
    }
    if (m.group(5) != null) {
      throw LambdaException.invalidParameter(
          "Tags on function aliases and versions are not supported. Please specify a function"
              + " ARN.");
    }
    String name = m.group(3);
    if (!m.group(1).equals(in.region())
        || !m.group(2).equals(in.id())
        || registry.find(name).isEmpty()) {
      throw LambdaException.notFound("Function not found: " + arn);
    }
    return name;
  }
}
