package dev.outlet.local;

import dev.outlet.api.model.CreateFunctionRequest;
import dev.outlet.api.model.Environment;
import dev.outlet.api.model.FunctionCode;
import dev.outlet.api.model.ImageConfig;
import dev.outlet.local.deploy.Packager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code outlet local invoke} creates: a zip function (a folder or a {@code .zip}) or a
 * container-image function (an image on this machine), from the template or from the flags.
 *
 * @param code the folder or zip, or null for an image function
 * @param imageUri the image (an OCI layout folder or an image tarball, absolute, optionally {@code
 *     :TAG}), or null for a zip function
 * @param imageConfig the image function's {@code ImageConfig}, or null
 */
record LocalTarget(
    String name,
    Path code,
    String imageUri,
    ImageConfig imageConfig,
    String handler,
    String runtime,
    String arch,
    int memory,
    int timeout,
    Map<String, String> env) {

  /** The CreateFunction request for it, the package as bytes: no JSON, no base64. */
  CreateFunctionRequest create() throws IOException {
    boolean image = imageUri != null;
    return new CreateFunctionRequest(
        name,
        "arn:aws:iam::000000000000:role/outlet-local",
        image
            ? new FunctionCode(null, null, null, null, imageUri)
            : FunctionCode.zip(Packager.zip(code)),
        image ? null : runtime,
        image ? null : handler,
        null, // Description
        timeout,
        memory,
        image ? "Image" : null, // PackageType
        imageConfig,
        env.isEmpty() ? null : new Environment(env),
        arch == null ? null : List.of(arch),
        null, // EphemeralStorage
        null, // Layers
        null, // LoggingConfig
        null, // TracingConfig
        null, // SnapStart
        null, // KMSKeyArn
        null, // DeadLetterConfig
        null, // Publish
        null); // Tags
  }
}
