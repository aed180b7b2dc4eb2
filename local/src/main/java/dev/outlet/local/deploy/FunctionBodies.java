package dev.outlet.local.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.local.deploy.AwsHttp.ApiException;
import dev.outlet.local.deploy.AwsHttp.UnreachableException;
import dev.outlet.local.sam.SamFunction;
import dev.outlet.local.sam.SamImage;
import java.util.Base64;
import java.util.List;

/**
 * The JSON bodies {@code outlet deploy} sends for a function: its code (a zip as base64, or an
 * {@code ImageUri}, pushing an image on this machine first) and its configuration. Not thread-safe.
 */
final class FunctionBodies {
  private final ImagePush push;

  FunctionBodies(AwsHttp http) {
    this.push = new ImagePush(http);
  }

  /** The function's code: its zip, or its image (read, not pushed yet). */
  DeployCode code(SamFunction f) throws DeployException, java.io.IOException {
    if (!f.isImage()) {
      byte[] zip = Packager.zip(f.codeUri());
      return new DeployCode.Zip(zip, Packager.sha256(zip));
    }
    SamImage image = f.image();
    if (image.local()) {
      return new DeployCode.LocalImage(
          ImagePush.prepare(image.uri(), f.architecture()), ImagePush.repositoryName(f.name()));
    }
    String digest = push.digestOf(image.uri()).orElse(null);
    return new DeployCode.RegistryImage(
        image.uri(), digest == null ? null : digest.substring(digest.indexOf(':') + 1));
  }

  /** CreateFunction's {@code Code} or UpdateFunctionCode's body; an image is pushed now. */
  ObjectNode codeBody(DeployCode code) throws DeployException, ApiException, UnreachableException {
    ObjectNode b = JsonNodeFactory.instance.objectNode();
    switch (code) {
      case DeployCode.Zip z -> b.put("ZipFile", Base64.getEncoder().encodeToString(z.bytes()));
      case DeployCode.RegistryImage r -> b.put("ImageUri", r.imageUri());
      case DeployCode.LocalImage l -> b.put("ImageUri", push.push(l.image(), l.repository()));
    }
    return b;
  }

  /**
   * The configuration; on an update an absent dead-letter queue is sent empty, which removes it,
   * and an image function's absent ImageConfig members are sent empty, which resets them.
   */
  static ObjectNode configuration(SamFunction f, boolean create) {
    ObjectNode b = JsonNodeFactory.instance.objectNode();
    if (f.isImage()) {
      if (create) {
        b.put("PackageType", "Image");
      }
      SamImage i = f.image();
      if (i.configured() || !create) {
        ObjectNode c = b.putObject("ImageConfig");
        strings(c.putArray("EntryPoint"), i.entryPoint());
        strings(c.putArray("Command"), i.command());
        c.put("WorkingDirectory", i.workingDirectory() == null ? "" : i.workingDirectory());
      }
    } else {
      b.put("Runtime", f.runtime());
      b.put("Handler", f.handler());
    }
    b.put("MemorySize", f.memorySize());
    b.put("Timeout", f.timeout());
    b.put("Description", f.description() == null ? "" : f.description());
    b.putArray("Architectures").add(f.architecture());
    ObjectNode vars = b.putObject("Environment").putObject("Variables");
    f.environment().forEach(vars::put);
    if (f.deadLetterTarget() != null || !create) {
      b.putObject("DeadLetterConfig")
          .put("TargetArn", f.deadLetterTarget() == null ? "" : f.deadLetterTarget());
    }
    return b;
  }

  private static void strings(ArrayNode into, List<String> values) {
    if (values != null) {
      values.forEach(into::add);
    }
  }
}
