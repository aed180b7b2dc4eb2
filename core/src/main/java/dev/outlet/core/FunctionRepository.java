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

  /** Deletes a function; returns false when there was none. */
  boolean delete(String name);
}
