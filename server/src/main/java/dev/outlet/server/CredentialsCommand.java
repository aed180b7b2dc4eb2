package dev.outlet.server;

import dev.outlet.edge.AwsException;
import dev.outlet.iam.AccessKey;
import dev.outlet.iam.IdentityStore;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code outlet credentials create|list|revoke}: the access keys that sign requests to an Outlet in
 * {@code --auth iam} mode, managed from the terminal on the data directory itself (a running server
 * sees the change within {@link IdentityStore#REFRESH}). A secret is printed once, when made.
 */
@Command(
    name = "credentials",
    mixinStandardHelpOptions = true,
    description = "Create, list or revoke the access keys that sign requests (serve --auth iam).",
    subcommands = {
      CredentialsCommand.Create.class,
      CredentialsCommand.ListKeys.class,
      CredentialsCommand.Revoke.class
    })
final class CredentialsCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** The options every subcommand takes. */
  static class Store {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    java.io.PrintWriter out() {
      return spec.commandLine().getOut();
    }

    java.io.PrintWriter err() {
      return spec.commandLine().getErr();
    }

    @Option(
        names = "--data-dir",
        description = "Outlet's data directory (default: $XDG_DATA_HOME/outlet).")
    Path dataDir;

    @Option(
        names = "--store",
        paramLabel = "URL",
        description =
            "The keys of the cluster whose nodes share this PostgreSQL database (serve --store)"
                + " instead of a data directory's.")
    String store;

    IdentityStore open() {
      if (store != null) {
        return SharedIdentities.open(
                dev.outlet.postgres.PostgresUrl.parse(store), ServerConfig.DEFAULT_ACCOUNT)
            .store();
      }
      return IdentityStore.open(
          dataDir != null ? dataDir : ServerConfig.defaultDataDir(),
          ServerConfig.DEFAULT_ACCOUNT,
          InstantSource.system());
    }
  }

  @Command(name = "create", description = "Make an access key; its secret is shown only now.")
  static final class Create extends Store implements Callable<Integer> {
    @Option(
        names = "--user",
        defaultValue = "admin",
        description = "The user the key belongs to (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(
        names = "--policy",
        paramLabel = "ARN",
        description =
            "A managed policy to attach to the user (repeatable). Without it, a user this command"
                + " makes gets AdministratorAccess (the terminal owns the data directory); an"
                + " existing user keeps its policies.")
    java.util.List<String> policies = new java.util.ArrayList<>();

    @Override
    public Integer call() {
      if (!user.matches("[\\w+=,.@-]{1,64}")) {
        err()
            .println(
                "outlet: --user must be 1 to 64 letters, digits or +=,.@_- (as IAM's user names), got "
                    + user);
        return 2;
      }
      try (IdentityStore keys = open()) {
        boolean made = keys.user(user).isEmpty();
        AccessKey key = keys.createKey(user, true);
        java.util.List<String> attach =
            !policies.isEmpty()
                ? policies
                : made
                    ? java.util.List.of(IdentityStore.ADMINISTRATOR_ACCESS)
                    : java.util.List.of();
        for (String arn : attach) {
          keys.policies().attach(dev.outlet.iam.Holder.USER, user, arn);
        }
        out()
            .printf(
                "AWS_ACCESS_KEY_ID=%s%nAWS_SECRET_ACCESS_KEY=%s%n",
                key.accessKeyId(), key.secret());
      } catch (AwsException e) {
        err().println("outlet: " + e.getMessage());
        return 1;
      }
      return 0;
    }
  }

  @Command(name = "list", description = "List the access keys (never their secrets).")
  static final class ListKeys extends Store implements Callable<Integer> {
    @Override
    public Integer call() {
      try (IdentityStore keys = open()) {
        out().printf("%-22s %-20s %-9s %s%n", "AccessKeyId", "UserName", "Status", "CreateDate");
        for (AccessKey k : keys.keys(null)) {
          out()
              .printf(
                  "%-22s %-20s %-9s %s%n", k.accessKeyId(), k.userName(), k.status(), k.created());
        }
      }
      return 0;
    }
  }

  @Command(name = "revoke", description = "Delete an access key: requests signed with it fail.")
  static final class Revoke extends Store implements Callable<Integer> {
    @Parameters(paramLabel = "ACCESS_KEY_ID")
    String accessKeyId;

    @Override
    public Integer call() {
      try (IdentityStore keys = open()) {
        keys.deleteKey(accessKeyId, null);
      } catch (AwsException e) {
        err().println("outlet: " + e.getMessage());
        return 1;
      }
      out().println("Revoked " + accessKeyId);
      return 0;
    }
  }
}
