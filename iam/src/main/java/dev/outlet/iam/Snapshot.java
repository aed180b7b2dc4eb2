package dev.outlet.iam;

import dev.outlet.edge.SigningKeys.SigningKey;
import dev.outlet.iam.policy.PolicyDocument;
import java.util.List;
import java.util.Map;

/**
 * What the request path reads, immutable: replaced as a whole after each change and on refresh, so
 * readers on event loops never touch the file. Documents are parsed when the snapshot is made.
 *
 * @param keys active access keys and unexpired-or-recent sessions, by access key id
 * @param roles roles by name, their trust policies parsed
 * @param policies the identity policies (inline, then attached) of each user and role, by {@link
 *     #holderKey}
 * @param sessionUserIds a session's {@code AROA...:SESSION}, by its access key id
 * @param policiesByArn the same lists by the principal ARNs the verifier gives (users' with their
 *     paths, roles', sessions'): one lookup on the request path
 */
record Snapshot(
    Map<String, SigningKey> keys,
    Map<String, Role> roles,
    Map<String, List<PolicyDocument>> policies,
    Map<String, String> sessionUserIds,
    Map<String, List<PolicyDocument>> policiesByArn) {

  static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

  Snapshot {
    keys = Map.copyOf(keys);
    roles = Map.copyOf(roles);
    policies = Map.copyOf(policies);
    sessionUserIds = Map.copyOf(sessionUserIds);
    policiesByArn = Map.copyOf(policiesByArn);
  }

  static String holderKey(Holder holder, String name) {
    return holder.name() + ":" + name;
  }
}
