package dev.outlet.server;

import dev.outlet.core.Account;
import dev.outlet.core.RegionStores;
import dev.outlet.iam.ResourcePolicies;
import dev.outlet.iam.policy.PolicyDocument;
import dev.outlet.sandbox.Protections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The regions of a running Outlet, each a {@link RegionStack}: the default region's, opened at
 * start on the data folder itself, and any other a signed request names, opened on its first
 * request (and at every later start, its folder {@code regions/<region>} being there). The owner of
 * the map; its reads are lock-free (the hot path asks it on every request), an open happens once
 * per region on a virtual thread, never on an event loop.
 */
final class Regions implements ResourcePolicies, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Regions.class);

  /** AWS's region names ({@code us-east-1}, {@code us-gov-west-1}, {@code eu-central-2}). */
  private static final Pattern NAME =
      Pattern.compile("(?:eusc-)?[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]{4,10}-\\d");

  /** The most regions one Outlet opens (AWS has about 35); requests past it use the default. */
  static final int MAX = 48;

  static final String FOLDER = "regions";

  private final ServerConfig config;
  private final Protections protections;
  private final RegionStack home;
  private final int eventLoops;
  private final int launcherThreads;
  private final RegionStores.Choice stores;
  private final Map<String, CompletableFuture<RegionStack>> open = new ConcurrentHashMap<>();
  private volatile RegionStack.Host host;

  Regions(
      ServerConfig config,
      Protections protections,
      RegionStack home,
      int eventLoops,
      int launcherThreads,
      RegionStores.Choice stores) {
    this.config = config;
    this.stores = stores;
    this.protections = protections;
    this.home = home;
    this.eventLoops = eventLoops;
    this.launcherThreads = launcherThreads;
    open.put(home.region(), CompletableFuture.completedFuture(home));
  }

  /** Whether {@code region} is a region name Outlet opens a namespace for. */
  static boolean isName(String region) {
    return region != null && NAME.matcher(region).matches();
  }

  /**
   * Serves the default region, then opens every other region that has a folder from an earlier run
   * (their schedules fire and their queued events resume without waiting for a request).
   */
  void serve(RegionStack.Host h) throws IOException {
    host = h;
    home.serve(h);
    Path folder = config.dataDir().resolve(FOLDER);
    if (!Files.isDirectory(folder)) {
      return;
    }
    List<String> found = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(folder)) {
      dirs.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(Regions::isName)
          .sorted()
          .forEach(found::add);
    }
    for (String region : found) {
      if (!region.equals(home.region())) {
        opened(region).join();
      }
    }
  }

  RegionStack home() {
    return home;
  }

  /** The region's stack if it is open and serving, else null (lock-free). */
  RegionStack serving(String region) {
    CompletableFuture<RegionStack> f = open.get(region);
    return f != null && f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
  }

  /** The open regions' stacks, the default's first. */
  Collection<RegionStack> all() {
    List<RegionStack> stacks = new ArrayList<>();
    stacks.add(home);
    for (CompletableFuture<RegionStack> f : open.values()) {
      RegionStack s = f.getNow(null);
      if (s != null && s != home) {
        stacks.add(s);
      }
    }
    return stacks;
  }

  /**
   * The region's stack, opening it (on the calling thread, which must not be an event loop) when it
   * is not open yet; the default's for a name that is not a region's or past {@link #MAX}.
   */
  CompletableFuture<RegionStack> opened(String region) {
    if (!isName(region)) {
      return CompletableFuture.completedFuture(home);
    }
    CompletableFuture<RegionStack> existing = open.get(region);
    if (existing != null) {
      return existing;
    }
    synchronized (this) {
      existing = open.get(region);
      if (existing != null) {
        return existing;
      }
      if (open.size() >= MAX) {
        LOG.warn("{} regions are open; {} is served by {}", MAX, region, home.region());
        return CompletableFuture.completedFuture(home);
      }
      CompletableFuture<RegionStack> made = new CompletableFuture<>();
      open.put(region, made);
      try {
        RegionStack stack =
            RegionStack.open(
                config,
                protections,
                new Account(region, config.accountId()),
                config.dataDir().resolve(FOLDER).resolve(region),
                eventLoops,
                launcherThreads,
                home.engine()::forRegion,
                stores);
        try {
          stack.serve(host);
        } catch (IOException | RuntimeException e) {
          stack.close();
          throw e;
        }
        LOG.info("region {} opened ({} functions)", region, stack.functionsLoaded());
        made.complete(stack);
      } catch (IOException | RuntimeException e) {
        open.remove(region); // the next request tries again
        made.completeExceptionally(e);
      }
      return made;
    }
  }

  /** The policies of a function ARN, from the region the ARN names. */
  @Override
  public List<PolicyDocument> of(String resourceArn) {
    String region = arnRegion(resourceArn);
    RegionStack stack = region == null ? home : serving(region);
    return stack == null ? List.of() : stack.policies(resourceArn);
  }

  /** The fourth field of {@code arn:partition:service:region:...}, or null. */
  static String arnRegion(String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      return null;
    }
    String[] parts = arn.split(":", 5);
    return parts.length == 5 && !parts[3].isEmpty() ? parts[3] : null;
  }

  /** Closes every other region, then the default one (whose engine owns the shared parts). */
  @Override
  public void close() {
    for (RegionStack s : all()) {
      if (s != home) {
        s.close();
      }
    }
    home.close();
  }

  @Override
  public String toString() {
    return "regions" + open.keySet();
  }
}
