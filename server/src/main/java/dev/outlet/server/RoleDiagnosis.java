package dev.outlet.server;

import dev.outlet.core.FunctionRecord;
import dev.outlet.iam.IdentityStore;
import dev.outlet.iam.PolicyAuthorizer;
import dev.outlet.iam.ResourcePolicies;
import dev.outlet.iam.Role;
import dev.outlet.storage.SqliteFunctionRepository;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code outlet doctor}'s check of a data directory's functions as {@code --auth iam} sees them:
 * each function's execution role must exist, let Lambda assume it, and allow writing its logs (else
 * its logs are dropped, as on AWS). Reads the files (SQLite allows a running server beside).
 */
final class RoleDiagnosis {
  private RoleDiagnosis() {}

  static List<String> of(Path data) {
    List<String> lines = new ArrayList<>();
    lines.add("execution roles (as --auth iam checks them) in " + data + ":");
    String account = ServerConfig.DEFAULT_ACCOUNT;
    try (SqliteFunctionRepository functions = SqliteFunctionRepository.open(data);
        IdentityStore identities = IdentityStore.open(data, account, InstantSource.system())) {
      PolicyAuthorizer authorizer =
          new PolicyAuthorizer(
              account, identities::identityPolicies, ResourcePolicies.NONE, InstantSource.system());
      List<FunctionRecord> all = functions.loadAll();
      int fine = 0;
      for (FunctionRecord f : all) {
        String role = f.config().role();
        Optional<Role> found = identities.role(role);
        String problem;
        if (found.isEmpty() || !ExecutionRoles.lambdaMayAssume(found.get(), role)) {
          problem = ExecutionRoles.CANNOT_ASSUME + " (" + role + ")";
        } else {
          problem =
              LogDelivery.reason(
                  authorizer,
                  ServerConfig.DEFAULT_REGION,
                  account,
                  f.name(),
                  role,
                  f.config().logging().group(f.name()));
        }
        if (problem == null) {
          fine++;
        } else {
          lines.add("  " + f.name() + ": " + problem);
        }
      }
      lines.add("  " + fine + " of " + all.size() + " functions' roles are fine");
    } catch (RuntimeException e) {
      lines.add("  cannot read " + data + ": " + e.getMessage());
    }
    return lines;
  }
}
