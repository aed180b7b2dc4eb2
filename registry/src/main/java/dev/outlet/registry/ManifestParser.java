package dev.outlet.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a pushed manifest (pure): OCI image manifests and indexes, Docker schema 2 manifests and
 * manifest lists. Anything else, or a body whose declared and written media types disagree, is
 * MANIFEST_INVALID.
 */
public final class ManifestParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> IMAGES = Set.of(Manifest.OCI_MANIFEST, Manifest.DOCKER_MANIFEST);
  private static final Set<String> INDEXES = Set.of(Manifest.OCI_INDEX, Manifest.DOCKER_LIST);

  private ManifestParser() {}

  /**
   * Parses {@code body}, sent with {@code contentType} (may be null or generic, then the body's
   * {@code mediaType} decides, else its shape).
   */
  public static Manifest parse(byte[] body, String contentType) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw invalid("manifest is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw invalid("manifest is not a JSON object");
    }
    JsonNode version = root.get("schemaVersion");
    if (version == null || !version.isIntegralNumber() || version.asLong() != 2) {
      throw invalid("unsupported manifest schemaVersion (only 2 is accepted)");
    }
    String written = text(root, "mediaType");
    String declared = mediaType(contentType);
    if (declared != null && !IMAGES.contains(declared) && !INDEXES.contains(declared)) {
      declared = null; // application/json, application/octet-stream: the body decides
    }
    if (declared != null && written != null && !declared.equals(written)) {
      throw invalid("manifest mediaType " + written + " does not match Content-Type " + declared);
    }
    String type = declared != null ? declared : written;
    if (type == null) {
      type = root.has("manifests") ? Manifest.OCI_INDEX : Manifest.OCI_MANIFEST;
    }
    if (IMAGES.contains(type)) {
      Manifest.Descriptor config = descriptor(root.get("config"), "config");
      JsonNode layers = root.get("layers");
      if (layers == null || !layers.isArray()) {
        throw invalid("manifest has no layers array");
      }
      List<Manifest.Descriptor> blobs = new ArrayList<>();
      for (JsonNode layer : layers) {
        Manifest.Descriptor d = descriptor(layer, "layer");
        JsonNode urls = layer.get("urls");
        if (urls == null || !urls.isArray() || urls.isEmpty()) {
          blobs.add(d);
        }
      }
      return new Manifest(type, Manifest.Kind.IMAGE, config, blobs, config.mediaType());
    }
    if (INDEXES.contains(type)) {
      JsonNode manifests = root.get("manifests");
      if (manifests == null || !manifests.isArray()) {
        throw invalid("index has no manifests array");
      }
      List<Manifest.Descriptor> children = new ArrayList<>();
      for (JsonNode m : manifests) {
        children.add(descriptor(m, "manifest"));
      }
      return new Manifest(type, Manifest.Kind.INDEX, null, children, text(root, "artifactType"));
    }
    throw invalid("unsupported manifest media type " + type);
  }

  private static Manifest.Descriptor descriptor(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw invalid("manifest " + what + " is not a descriptor");
    }
    String digest = text(node, "digest");
    JsonNode size = node.get("size");
    if (digest == null || size == null || !size.isIntegralNumber() || !size.canConvertToLong()) {
      throw invalid("manifest " + what + " lacks a digest or size");
    }
    if (size.asLong() < 0) {
      throw invalid("manifest " + what + " has a negative size");
    }
    Digest d;
    try {
      d = Digest.parse(digest);
    } catch (RegistryError e) {
      throw invalid("manifest " + what + " has an invalid digest");
    }
    return new Manifest.Descriptor(d, size.asLong(), text(node, "mediaType"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  /** The media type of a Content-Type header without parameters, lower case, or null. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semi = contentType.indexOf(';');
    String t = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    return t.isEmpty() ? null : t.toLowerCase(Locale.ROOT);
  }

  private static RegistryError invalid(String message) {
    return new RegistryError(RegistryError.Code.MANIFEST_INVALID, message);
  }
}
