package dev.outlet.images;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the three JSON documents of an image: index (or manifest list), manifest and config. Pure
 * and thread-safe; anything that is not such a document is an {@link ImageException} naming the
 * document and the member at fault, never another exception.
 */
public final class ImageJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ImageJson() {}

  /** Whether {@code json} is an index or manifest list rather than a manifest. */
  public static boolean isIndex(byte[] json, String mediaType) {
    if (MediaTypes.INDEXES.contains(mediaType)) {
      return true;
    }
    if (MediaTypes.MANIFESTS.contains(mediaType)) {
      return false;
    }
    JsonNode root = tree(json, "manifest");
    String declared = root.path("mediaType").asText("");
    return MediaTypes.INDEXES.contains(declared) || root.has("manifests");
  }

  public static ImageIndex index(byte[] json) {
    JsonNode root = tree(json, "image index");
    schemaVersion(root, "image index");
    mediaType(root, "image index", MediaTypes.INDEXES);
    JsonNode list = root.get("manifests");
    if (list == null || !list.isArray()) {
      throw bad("image index", "has no \"manifests\" array");
    }
    List<Descriptor> out = new ArrayList<>();
    java.util.Map<String, Descriptor> tags = new java.util.LinkedHashMap<>();
    for (JsonNode entry : list) {
      Descriptor d = descriptor(entry, "image index entry", true);
      out.add(d);
      JsonNode name = entry.path("annotations").path(ImageIndex.REF_NAME);
      if (name.isTextual()) {
        tags.putIfAbsent(name.asText(), d);
      }
    }
    return new ImageIndex(out, tags);
  }

  public static ImageManifest manifest(byte[] json) {
    JsonNode root = tree(json, "manifest");
    schemaVersion(root, "manifest");
    String type = mediaType(root, "manifest", MediaTypes.MANIFESTS);
    if (root.has("manifests")) {
      throw bad("manifest", "is an image index, not a manifest");
    }
    Descriptor config = descriptor(root.get("config"), "manifest's config", false);
    JsonNode layers = root.get("layers");
    if (layers == null || !layers.isArray()) {
      throw bad("manifest", "has no \"layers\" array");
    }
    List<Descriptor> out = new ArrayList<>();
    for (JsonNode layer : layers) {
      out.add(descriptor(layer, "manifest's layer", false));
    }
    return new ImageManifest(type.isEmpty() ? MediaTypes.OCI_MANIFEST : type, config, out);
  }

  public static ImageConfig config(byte[] json) {
    JsonNode root = tree(json, "image config");
    String architecture = text(root, "architecture", "image config");
    String os = text(root, "os", "image config");
    JsonNode run = root.get("config");
    if (run == null || run.isNull()) {
      run = MAPPER.createObjectNode();
    } else if (!run.isObject()) {
      throw bad("image config", "has a \"config\" that is not an object");
    }
    return new ImageConfig(
        architecture,
        os,
        strings(run, "Entrypoint"),
        strings(run, "Cmd"),
        strings(run, "Env"),
        optionalText(run, "WorkingDir"),
        optionalText(run, "User"));
  }

  /** The config's {@code rootfs.diff_ids}: the digests of the uncompressed layers, in order. */
  static List<Digest> diffIds(byte[] json) {
    JsonNode ids = tree(json, "image config").path("rootfs").get("diff_ids");
    if (ids == null || !ids.isArray()) {
      throw bad("image config", "has no \"rootfs.diff_ids\" array");
    }
    List<Digest> out = new ArrayList<>();
    for (JsonNode id : ids) {
      if (!id.isTextual()) {
        throw bad("image config", "has a diff id that is not a string");
      }
      out.add(Digest.parse(id.asText()));
    }
    return out;
  }

  static JsonNode tree(byte[] json, String what) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw bad(what, "is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw bad(what, "could not be read");
    }
    if (root == null || !root.isObject()) {
      throw bad(what, "is not a JSON object");
    }
    return root;
  }

  private static void schemaVersion(JsonNode root, String what) {
    JsonNode v = root.get("schemaVersion");
    if (v == null || !v.isInt() || v.intValue() != 2) {
      throw bad(what, "has a \"schemaVersion\" other than 2");
    }
  }

  private static String mediaType(JsonNode root, String what, java.util.Set<String> allowed) {
    JsonNode type = root.get("mediaType");
    if (type == null || type.isNull()) {
      return "";
    }
    if (!type.isTextual() || !allowed.contains(type.asText())) {
      throw bad(what, "has the unexpected media type " + Digest.quote(type.toString()));
    }
    return type.asText();
  }

  private static Descriptor descriptor(JsonNode node, String what, boolean withPlatform) {
    if (node == null || !node.isObject()) {
      throw bad(what, "is missing or not an object");
    }
    String mediaType = text(node, "mediaType", what);
    Digest digest;
    try {
      digest = Digest.parse(text(node, "digest", what));
    } catch (ImageException e) {
      throw bad(what, "has an " + e.getMessage());
    }
    JsonNode size = node.get("size");
    if (size == null || !size.canConvertToExactIntegral() || !size.canConvertToLong()) {
      throw bad(what, "has no integer \"size\"");
    }
    if (size.longValue() < 0) {
      throw bad(what, "has a negative \"size\"");
    }
    Optional<Descriptor.Platform> platform = Optional.empty();
    JsonNode p = node.get("platform");
    if (withPlatform && p != null && !p.isNull()) {
      if (!p.isObject()) {
        throw bad(what, "has a \"platform\" that is not an object");
      }
      platform =
          Optional.of(
              new Descriptor.Platform(
                  text(p, "architecture", what + "'s platform"),
                  text(p, "os", what + "'s platform"),
                  optionalText(p, "variant")));
    }
    return new Descriptor(mediaType, digest, size.longValue(), platform);
  }

  private static String text(JsonNode node, String member, String what) {
    JsonNode v = node.get(member);
    if (v == null || !v.isTextual()) {
      throw bad(what, "has no string \"" + member + "\"");
    }
    return v.asText();
  }

  private static Optional<String> optionalText(JsonNode node, String member) {
    JsonNode v = node.get(member);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw bad("image config", "has a \"" + member + "\" that is not a string");
    }
    return v.asText().isEmpty() ? Optional.empty() : Optional.of(v.asText());
  }

  private static List<String> strings(JsonNode node, String member) {
    JsonNode v = node.get(member);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw bad("image config", "has a \"" + member + "\" that is not a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw bad("image config", "has a \"" + member + "\" that is not a list of strings");
      }
      out.add(item.asText());
    }
    return out;
  }

  private static ImageException bad(String what, String problem) {
    return new ImageException("the " + what + " " + problem);
  }
}
