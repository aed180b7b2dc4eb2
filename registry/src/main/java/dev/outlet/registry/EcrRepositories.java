package dev.outlet.registry;

import dev.outlet.edge.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ECR's repository operations: CreateRepository, DescribeRepositories, DeleteRepository (refused
 * while images remain unless {@code force}), PutImageTagMutability and the lifecycle policy (stored
 * and returned, not applied).
 */
final class EcrRepositories {
  static final String NAME_PATTERN =
      "must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*'";
  static final int MAX_POLICY = 30_720;

  private final Registry registry;
  private final String host;

  EcrRepositories(Registry registry, String host) {
    this.registry = registry;
    this.host = host;
  }

  Object create(Call call, String region) {
    EcrModel.CreateRepositoryRequest in = call.input(EcrModel.CreateRepositoryRequest.class);
    String name = checkedName(in.repositoryName());
    checkRegistry(in.registryId());
    boolean immutable = mutability(in.imageTagMutability());
    boolean scan =
        in.imageScanningConfiguration() != null
            && Boolean.TRUE.equals(in.imageScanningConfiguration().scanOnPush());
    Repository repo =
        new Repository(name, region, registry.clock().instant(), immutable, scan, null);
    if (!registry.create(repo)) {
      throw EcrErrors.repositoryExists(name, registry.account());
    }
    return new EcrModel.RepositoryResult(view(repo));
  }

  Object describe(Call call, String region) {
    EcrModel.DescribeRepositoriesRequest in =
        call.input(EcrModel.DescribeRepositoriesRequest.class);
    checkRegistry(in.registryId());
    List<Repository> found = new ArrayList<>();
    if (in.repositoryNames() != null && !in.repositoryNames().isEmpty()) {
      for (String name : in.repositoryNames()) {
        found.add(
            registry
                .repository(name)
                .orElseThrow(() -> EcrErrors.repositoryNotFound(name, registry.account())));
      }
    } else {
      found.addAll(registry.repositories());
    }
    Pages.Page<Repository> page = Pages.of(found, in.maxResults(), in.nextToken(), 1000);
    return new EcrModel.RepositoriesResult(
        page.items().stream().map(this::view).toList(), page.nextToken());
  }

  Object delete(Call call, String region) {
    EcrModel.RepositoryRequest in = call.input(EcrModel.RepositoryRequest.class);
    Repository repo = existing(in.repositoryName());
    if (registry.delete(repo.name(), Boolean.TRUE.equals(in.force())) > 0) {
      throw EcrErrors.repositoryNotEmpty(repo.name(), registry.account());
    }
    return new EcrModel.RepositoryResult(view(repo));
  }

  Object putImageTagMutability(Call call, String region) {
    EcrModel.TagMutabilityRequest in = call.input(EcrModel.TagMutabilityRequest.class);
    Repository repo = existing(in.repositoryName());
    if (in.imageTagMutability() == null) {
      throw EcrErrors.invalid("imageTagMutability is required");
    }
    Repository changed = repo.withImmutableTags(mutability(in.imageTagMutability()));
    registry.update(changed);
    return new EcrModel.TagMutabilityResult(registry.account(), repo.name(), changed.mutability());
  }

  Object putLifecyclePolicy(Call call, String region) {
    EcrModel.LifecyclePolicyRequest in = call.input(EcrModel.LifecyclePolicyRequest.class);
    Repository repo = existing(in.repositoryName());
    String text = in.lifecyclePolicyText();
    if (text == null || text.length() < 100 || text.length() > MAX_POLICY) {
      throw EcrErrors.constraint(
          "lifecyclePolicyText", text, "Member must have length between 100 and 30720");
    }
    try {
      if (!RegistryHttp.JSON.readTree(text).isObject()) {
        throw EcrErrors.invalid(
            "Invalid parameter at 'LifecyclePolicyText' failed to satisfy"
                + " constraint: 'Lifecycle policy validation failure'");
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw EcrErrors.invalid(
          "Invalid parameter at 'LifecyclePolicyText' failed to satisfy"
              + " constraint: 'Lifecycle policy validation failure'");
    }
    registry.update(repo.withLifecyclePolicy(text));
    return new EcrModel.LifecyclePolicyResult(registry.account(), repo.name(), text, null);
  }

  Object getLifecyclePolicy(Call call, String region) {
    EcrModel.LifecyclePolicyRequest in = call.input(EcrModel.LifecyclePolicyRequest.class);
    Repository repo = existing(in.repositoryName());
    if (repo.lifecyclePolicy() == null) {
      throw EcrErrors.lifecyclePolicyNotFound(repo.name(), registry.account());
    }
    return new EcrModel.LifecyclePolicyResult(
        registry.account(), repo.name(), repo.lifecyclePolicy(), null);
  }

  Object deleteLifecyclePolicy(Call call, String region) {
    EcrModel.LifecyclePolicyRequest in = call.input(EcrModel.LifecyclePolicyRequest.class);
    Repository repo = existing(in.repositoryName());
    if (repo.lifecyclePolicy() == null) {
      throw EcrErrors.lifecyclePolicyNotFound(repo.name(), registry.account());
    }
    registry.update(repo.withLifecyclePolicy(null));
    return new EcrModel.LifecyclePolicyResult(
        registry.account(), repo.name(), repo.lifecyclePolicy(), null);
  }

  private Repository existing(String name) {
    if (name == null) {
      throw EcrErrors.invalid("repositoryName is required");
    }
    return registry
        .repository(name)
        .orElseThrow(() -> EcrErrors.repositoryNotFound(name, registry.account()));
  }

  private static String checkedName(String name) {
    if (name == null || !Names.isRepositoryName(name)) {
      throw EcrErrors.constraint("repositoryName", name, NAME_PATTERN);
    }
    return name;
  }

  private void checkRegistry(String registryId) {
    if (registryId != null && !registryId.equals(registry.account())) {
      throw EcrErrors.invalid(
          "Invalid parameter at 'registryId' failed to satisfy constraint: 'must be the id of"
              + " this registry ("
              + registry.account()
              + ")'");
    }
  }

  private static boolean mutability(String value) {
    if (value == null || value.equals("MUTABLE")) {
      return false;
    }
    if (value.equals("IMMUTABLE")) {
      return true;
    }
    throw EcrErrors.constraint(
        "imageTagMutability", value, "Member must satisfy enum value set: [MUTABLE, IMMUTABLE]");
  }

  EcrModel.RepositoryView view(Repository r) {
    return new EcrModel.RepositoryView(
        EcrService.arn(r.region(), registry.account(), r.name()),
        registry.account(),
        r.name(),
        host + "/" + r.name(),
        r.createdAt(),
        r.mutability(),
        new EcrModel.ScanningConfiguration(r.scanOnPush()),
        Map.of("encryptionType", "AES256"));
  }
}
