package dev.outlet.core;

import java.util.List;

/**
 * Durable storage of function records. Implementations are thread-safe and blocking: call them off
 * event loops. A method that returns has made its change durable (it survives {@code kill -9}).
 */
public interface FunctionRepository {

  /** Every stored function, for loading the registry at start-up. */
  List<FunctionRecord> loadAll();

  /**
   * Inserts a new function.
   *
   * @throws LambdaException ResourceConflictException when the name exists
   */
  void insert(FunctionRecord record);

  /**
   * Replaces a function when its stored revision is {@code expectedRevision}.
   *
   * @return false when the stored revision differs (a concurrent update won) or it is gone
   */
  boolean replace(FunctionRecord record, String expectedRevision);

  /**
   * Deletes a function with its versions, aliases and version counter, in one transaction; returns
   * false when there was none.
   */
  boolean delete(String name);

  /** Every published version, in function and number order. */
  List<FunctionVersion> loadVersions();

  /**
   * The highest version number each function ever published (deleted versions included: numbers are
   * never reused while the function exists).
   */
  java.util.Map<String, Integer> loadVersionCounters();

  /** Stores a new version and raises its function's counter to its number, in one transaction. */
  void insertVersion(FunctionVersion version);

  /** Deletes one version; returns false when there was none. */
  boolean deleteVersion(String function, int number);

  /** Every alias, in function and name order. */
  List<AliasRecord> loadAliases();

  /**
   * Inserts a new alias.
   *
   * @return false when the function already has an alias of that name
   */
  boolean insertAlias(AliasRecord alias);

  /** Replaces an alias when its stored revision is {@code expectedRevision}. */
  boolean replaceAlias(AliasRecord alias, String expectedRevision);

  /** Deletes an alias; returns false when there was none. */
  boolean deleteAlias(String function, String name);
}
