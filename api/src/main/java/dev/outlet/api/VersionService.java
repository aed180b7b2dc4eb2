package dev.outlet.api;

import dev.outlet.api.model.AliasRoutingConfiguration;
import dev.outlet.api.model.CreateAliasRequest;
import dev.outlet.api.model.PublishVersionRequest;
import dev.outlet.api.model.UpdateAliasRequest;
import dev.outlet.core.Account;
import dev.outlet.core.AliasRecord;
import dev.outlet.core.ErrorCode;
import dev.outlet.core.FunctionRecord;
import dev.outlet.core.FunctionRepository;
import dev.outlet.core.FunctionVersion;
import dev.outlet.core.LambdaException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Versions and aliases: PublishVersion, deleting a version, and the alias operations, with AWS's
 * rules and messages.
 *
 * <p>Contract: as {@link FunctionService}: validated first, then committed to the repository, then
 * published to the registry (a new immutable {@link Lineage}), all under the control plane's lock.
 * Blocking: call off event loops.
 */
public final class VersionService {
  private static final String PRECONDITION =
      "The Revision Id provided does not match the latest Revision Id. Call the"
          + " GetFunction/GetAlias API to retrieve the latest Revision Id";

  /** How long PublishVersion waits for a SnapStart init (the AWS CLI gives up after 60 s). */
  static final Duration SNAP_START_WAIT = Duration.ofSeconds(30);

  private final FunctionService functions;
  private final FunctionRepository repository;
  private final FunctionRegistry registry;
  private final InstantSource clock;
  private final Account account;

  /** Which revision of $LATEST each version was published from ("name:number" → revision id). */
  private final Map<String, String> sources = new java.util.concurrent.ConcurrentHashMap<>();

  VersionService(
      FunctionService functions,
      FunctionRepository repository,
      FunctionRegistry registry,
      InstantSource clock,
      Account account) {
    this.functions = functions;
    this.repository = repository;
    this.registry = registry;
    this.clock = clock;
    this.account = account;
  }

  /** Loads every version and alias into the registry; returns the code hashes versions use. */
  Set<String> load() {
    Map<String, Lineage> lineages = new HashMap<>();
    repository
        .loadVersionCounters()
        .forEach(
            (name, last) ->
                lineages.put(
                    name, new Lineage(Lineage.EMPTY.versions(), Lineage.EMPTY.aliases(), last)));
    Set<String> code = new HashSet<>();
    for (FunctionVersion v : repository.loadVersions()) {
      code.add(v.snapshot().code().sha256Hex());
      sources.put(v.function() + ":" + v.number(), v.publishedFrom());
      Deployed d = functions.deploy(v.snapshot(), Integer.toString(v.number()));
      if (v.snapshot().config().snapStartsVersions()) {
        functions.snapStart().initialize(d.spec()); // in the background, when its cache is gone
      }
      lineages.merge(
          v.function(),
          Lineage.EMPTY.withVersion(v.number(), d),
          (a, b) -> a.withVersion(v.number(), d));
    }
    for (AliasRecord a : repository.loadAliases()) {
      lineages.merge(a.function(), Lineage.EMPTY.withAlias(a), (x, y) -> x.withAlias(a));
    }
    for (Deployed d : registry.all()) {
      String name = d.record().name();
      Lineage lineage = lineages.getOrDefault(name, Lineage.EMPTY);
      if (!lineage.equals(registry.lineage(name))) { // a refresh leaves unchanged ones be
        registry.putLineage(name, lineage);
      }
    }
    return code;
  }

  /**
   * PublishVersion: a snapshot of {@code $LATEST}; an unchanged {@code $LATEST} answers the version
   * it was last published as.
   */
  public Deployed publish(String name, PublishVersionRequest request) {
    PublishVersionRequest in =
        request == null ? new PublishVersionRequest(null, null, null) : request;
    if (in.description() != null && in.description().length() > 256) {
      throw LambdaException.validation(
          in.description(), "description", "Member must have length less than or equal to 256");
    }
    Deployed published =
        functions.locked(
            () -> {
              FunctionRecord latest = functions.get(name).record();
              if (in.revisionId() != null && !in.revisionId().equals(latest.revisionId())) {
                throw new LambdaException(ErrorCode.PRECONDITION_FAILED, PRECONDITION);
              }
              String sha = latest.code().sha256Base64();
              if (in.codeSha256() != null && !in.codeSha256().equals(sha)) {
                throw LambdaException.invalidParameter(
                    "CodeSHA256 ("
                        + in.codeSha256()
                        + ") is different from current CodeSHA256 in $LATEST ("
                        + sha
                        + "). Please try again with the CodeSHA256 in $LATEST.");
              }
              Lineage lineage = registry.lineage(name);
              var last = lineage.versions().lastEntry();
              if (last != null
                  && latest.revisionId().equals(sources.get(name + ":" + last.getKey()))) {
                return last.getValue();
              }
              int number = lineage.lastVersion() + 1;
              String description =
                  in.description() != null ? in.description() : latest.config().description();
              FunctionRecord snapshot =
                  new FunctionRecord(
                      name,
                      latest.config().withDescription(description),
                      latest.code(),
                      latest.entrypoint(),
                      FunctionService.revision(),
                      clock.instant(),
                      FunctionRecord.NO_RESERVATION);
              repository.insertVersion(new FunctionVersion(number, snapshot, latest.revisionId()));
              sources.put(name + ":" + number, latest.revisionId());
              Deployed d = functions.deploy(snapshot, Integer.toString(number));
              registry.putLineage(name, lineage.withVersion(number, d));
              return d;
            });
    functions.retainLive(name); // the new version's sandboxes may stay warm
    if (published.record().config().snapStartsVersions()) {
      initialize(published);
    }
    return published;
  }

  /**
   * SnapStart: the version is initialized once now, so that its first cold start already starts
   * from what that init left; PublishVersion answers when it has ended (Active at once, as the
   * published-version waiter expects), or after {@link #SNAP_START_WAIT} with it still running.
   */
  private void initialize(Deployed version) {
    try {
      functions
          .snapStart()
          .initialize(version.spec())
          .get(SNAP_START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // it goes on in the background; cold starts before it ends go without
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** DeleteFunction with a version qualifier: refused while an alias points at the version. */
  public void deleteVersion(String name, String version) {
    int number = Lineage.number(version);
    functions.locked(
        () -> {
          Lineage lineage = registry.lineage(name);
          List<String> users = new ArrayList<>();
          for (AliasRecord a : lineage.aliases().values()) {
            if (a.version().equals(version) || a.weights().containsKey(version)) {
              users.add(a.name());
            }
          }
          if (!users.isEmpty()) {
            throw LambdaException.conflict(
                "Unable to delete version because the following aliases reference it: " + users);
          }
          repository.deleteVersion(name, number);
          sources.remove(name + ":" + number);
          registry.putLineage(name, lineage.withoutVersion(number));
          registry.qualifierRemoved(name, version);
          return null;
        });
    functions.retainLive(name);
    functions.forgetUnusedStartupCaches();
  }

  /** CreateAlias. */
  public AliasRecord createAlias(String name, CreateAliasRequest in) {
    AliasRules.name(in.name());
    AliasRules.version(in.functionVersion());
    Map<String, Double> weights = AliasRules.weights(routing(in.routingConfig()));
    String description = AliasRules.description(in.description());
    return functions.locked(
        () -> {
          functions.get(name);
          check(name, in.functionVersion(), weights);
          AliasRecord alias =
              new AliasRecord(
                  name,
                  in.name(),
                  in.functionVersion(),
                  description,
                  weights,
                  FunctionService.revision());
          if (!repository.insertAlias(alias)) {
            throw LambdaException.conflict("Alias already exists: " + aliasArn(name, in.name()));
          }
          registry.putLineage(name, registry.lineage(name).withAlias(alias));
          return alias;
        });
  }

  /** GetAlias. */
  public AliasRecord alias(String name, String alias) {
    functions.get(name);
    AliasRules.name(alias);
    return registry
        .lineage(name)
        .alias(alias)
        .orElseThrow(
            () -> LambdaException.notFound("Cannot find alias arn: " + aliasArn(name, alias)));
  }

  /** UpdateAlias: what the request names replaces the current value. */
  public AliasRecord updateAlias(String name, String aliasName, UpdateAliasRequest in) {
    if (in.functionVersion() != null) {
      AliasRules.version(in.functionVersion());
    }
    Map<String, Double> newWeights =
        in.routingConfig() == null ? null : AliasRules.weights(routing(in.routingConfig()));
    String description = in.description() == null ? null : AliasRules.description(in.description());
    return functions.locked(
        () -> {
          AliasRecord current = alias(name, aliasName);
          if (in.revisionId() != null && !in.revisionId().equals(current.revisionId())) {
            throw new LambdaException(ErrorCode.PRECONDITION_FAILED, PRECONDITION);
          }
          String version = in.functionVersion() != null ? in.functionVersion() : current.version();
          Map<String, Double> weights = newWeights != null ? newWeights : current.weights();
          check(name, version, weights);
          AliasRecord next =
              new AliasRecord(
                  name,
                  aliasName,
                  version,
                  description != null ? description : current.description(),
                  weights,
                  FunctionService.revision());
          if (!repository.replaceAlias(next, current.revisionId())) {
            throw LambdaException.conflict(
                "The operation cannot be performed at this time. An update is in progress for"
                    + " resource: "
                    + aliasArn(name, aliasName));
          }
          registry.putLineage(name, registry.lineage(name).withAlias(next));
          return next;
        });
  }

  /** DeleteAlias: 204 whether or not the alias existed, as AWS. */
  public void deleteAlias(String name, String alias) {
    AliasRules.name(alias);
    functions.locked(
        () -> {
          functions.get(name);
          if (repository.deleteAlias(name, alias)) {
            registry.putLineage(name, registry.lineage(name).withoutAlias(alias));
            registry.qualifierRemoved(name, alias);
          }
          return null;
        });
  }

  String aliasArn(String name, String alias) {
    return account.functionArn(name) + ":" + alias;
  }

  private static Map<String, Double> routing(AliasRoutingConfiguration routing) {
    return routing == null || routing.additionalVersionWeights() == null
        ? Map.of()
        : routing.additionalVersionWeights();
  }

  /** The versions an alias names must exist; weights need two distinct published versions. */
  private void check(String name, String version, Map<String, Double> weights) {
    if (registry.version(name, version).isEmpty()) {
      throw LambdaException.notFound(
          "Function not found: " + account.functionArn(name) + ":" + version);
    }
    if (weights.isEmpty()) {
      return;
    }
    if (version.equals("$LATEST")) {
      throw LambdaException.invalidParameter(
          "$LATEST is not supported for an alias pointing to more than 1 version");
    }
    String additional = weights.keySet().iterator().next();
    if (additional.equals(version)) {
      throw LambdaException.invalidParameter(
          "Primary and additional version cannot be the same: " + version);
    }
    if (registry.version(name, additional).isEmpty()) {
      throw LambdaException.notFound(
          "Function not found: " + account.functionArn(name) + ":" + additional);
    }
  }
}
