package dev.outlet.iam.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS managed policies Outlet knows, by their ARNs, with AWS's documents (the default version
 * AWS publishes, kept as JSON beside this class in the jar). Documents are read and parsed once, on
 * first use, and shared: they are immutable. A document that fails to load or parse is a build
 * defect and fails loudly ({@link IllegalStateException}) rather than granting nothing silently.
 */
public final class ManagedPolicies {
  private static final String PREFIX = "arn:aws:iam::aws:policy/";

  /** ARN to resource name, in the order {@link #arns()} lists them. */
  private static final Map<String, String> FILES = files();

  private ManagedPolicies() {}

  private static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    for (String path :
        new String[] {
          "service-role/AWSLambdaBasicExecutionRole",
          "service-role/AWSLambdaRole",
          "service-role/AWSLambdaSQSQueueExecutionRole",
          "AWSLambda_FullAccess",
          "AWSLambda_ReadOnlyAccess",
          "CloudWatchLogsFullAccess",
          "AmazonSQSFullAccess",
          "AdministratorAccess"
        }) {
      files.put(PREFIX + path, "managed/" + path.substring(path.lastIndexOf('/') + 1) + ".json");
    }
    return Collections.unmodifiableMap(files);
  }

  /** The ARNs of the managed policies Outlet knows. */
  public static Set<String> arns() {
    return FILES.keySet();
  }

  /** The parsed document of a managed policy, empty for an ARN Outlet does not know. */
  public static Optional<PolicyDocument> find(String arn) {
    return Optional.ofNullable(Loaded.DOCUMENTS.get(arn));
  }

  /** The document of a managed policy as AWS publishes it (JSON text), empty when unknown. */
  public static Optional<String> text(String arn) {
    String file = FILES.get(arn);
    if (file == null) {
      return Optional.empty();
    }
    try (InputStream in = ManagedPolicies.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("managed policy " + arn + " missing from the jar");
      }
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Holder: the documents are read when first asked for, not when the class loads. */
  private static final class Loaded {
    static final Map<String, PolicyDocument> DOCUMENTS = load();

    private static Map<String, PolicyDocument> load() {
      Map<String, PolicyDocument> documents = new LinkedHashMap<>();
      FILES.forEach((arn, file) -> documents.put(arn, read(arn, file)));
      return Collections.unmodifiableMap(documents);
    }

    private static PolicyDocument read(String arn, String file) {
      try (InputStream in = ManagedPolicies.class.getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException("managed policy " + arn + " missing from the jar");
        }
        String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return PolicyDocument.parse(json, PolicyKind.IDENTITY);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (PolicyException e) {
        throw new IllegalStateException("managed policy " + arn + ": " + e.getMessage(), e);
      }
    }
  }
}
