package dev.outlet.iam.policy;

/**
 * AWS's words for a denied request, as its services put them in an {@code AccessDeniedException}:
 *
 * <pre>
 * User: ARN is not authorized to perform: ACTION on resource: RESOURCE because no identity-based
 * policy allows the ACTION action
 * User: ARN is not authorized to perform: ACTION on resource: RESOURCE with an explicit deny in an
 * identity-based policy
 * </pre>
 *
 * (each on one line), with {@code resource-based} where that side decided.
 */
public final class DenialMessage {
  private DenialMessage() {}

  /**
   * @throws IllegalArgumentException for an {@link Decision.Allowed} decision, which has no denial
   */
  public static String of(Request request, Decision decision) {
    String head =
        "User: "
            + request.principal()
            + " is not authorized to perform: "
            + request.action()
            + " on resource: "
            + request.resource()
            + " ";
    return switch (decision) {
      case Decision.ExplicitDeny deny ->
          head + "with an explicit deny in " + article(deny.source()) + " policy";
      case Decision.ImplicitDeny deny ->
          head
              + "because no "
              + deny.missing().words()
              + " policy allows the "
              + request.action()
              + " action";
      case Decision.Allowed allowed ->
          throw new IllegalArgumentException("an allowed request has no denial message");
    };
  }

  private static String article(PolicyKind kind) {
    return (kind == PolicyKind.IDENTITY ? "an " : "a ") + kind.words();
  }
}
