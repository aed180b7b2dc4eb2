package dev.outlet.storage;

import java.nio.file.Path;

/**
 * The child JVM of the kill -9 test: inserts functions, reports each acknowledged write on stdout,
 * then waits to be killed without ever closing the database.
 */
public final class KillNineWriter {
  private KillNineWriter() {}

  public static void main(String[] args) throws InterruptedException {
    SqliteFunctionRepository repository = SqliteFunctionRepository.open(Path.of(args[0]));
    int count = Integer.parseInt(args[1]);
    for (int i = 0; i < count; i++) {
      repository.insert(TestRecords.record("f" + i, "r" + i));
      System.out.println("acknowledged f" + i);
    }
    System.out.println("done");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
