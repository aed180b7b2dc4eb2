package dev.outlet.storage;

import dev.outlet.core.CodeStore;
import dev.outlet.core.DocumentStore;
import dev.outlet.core.FunctionRepository;
import dev.outlet.core.RegionStores;
import java.nio.file.Path;

/**
 * One machine's region stores: {@code outlet.db} (functions, versions, aliases), {@code code/} (the
 * packages and their trees) and one SQLite file per document store ({@code tags.db}, ...), all
 * under the region's data folder. Nothing else writes them, so no change is ever announced.
 */
public final class LocalStores implements RegionStores {
  /** The choice of one machine: every region's stores under its own data folder. */
  public static final Choice CHOICE = (region, data) -> open(data);

  private final Path data;
  private final SqliteFunctionRepository functions;
  private final ZipCodeStore code;

  private LocalStores(Path data, SqliteFunctionRepository functions, ZipCodeStore code) {
    this.data = data;
    this.functions = functions;
    this.code = code;
  }

  /** Opens (creating if needed) the stores under {@code data}. */
  public static LocalStores open(Path data) {
    SqliteFunctionRepository functions = SqliteFunctionRepository.open(data);
    try {
      return new LocalStores(data, functions, ZipCodeStore.create(data));
    } catch (RuntimeException e) {
      functions.close();
      throw e;
    }
  }

  @Override
  public FunctionRepository functions() {
    return functions;
  }

  @Override
  public CodeStore code() {
    return code;
  }

  @Override
  public DocumentStore documents(String name) {
    return DocumentTable.open(data.resolve(name + ".db"));
  }

  @Override
  public dev.outlet.core.DefinitionStore definitions(String name) {
    return SqliteDefinitions.open(data.resolve(name + ".db"));
  }

  @Override
  public void onFunctionsChanged(Runnable reload) {
    // this process is the only writer
  }

  @Override
  public java.util.Optional<dev.outlet.core.ClaimQueue> sharedWork() {
    return java.util.Optional.empty();
  }

  @Override
  public java.util.Optional<dev.outlet.core.ConcurrencyLedger> sharedConcurrency() {
    return java.util.Optional.empty();
  }

  @Override
  public dev.outlet.core.ScheduleGate schedules() {
    return dev.outlet.core.ScheduleGate.ALONE;
  }

  @Override
  public boolean shared() {
    return false;
  }

  @Override
  public void close() {
    functions.close();
  }
}
