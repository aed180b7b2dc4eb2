package dev.outlet.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

/**
 * A child JVM for {@link SqliteLibraryTest}: sets SQLite's library up as {@code Main} does, opens a
 * database, and prints SQLite's version and where its JNI library was mapped from.
 */
final class SqliteLibraryProbe {
  private SqliteLibraryProbe() {}

  public static void main(String[] args) throws Exception {
    SqliteLibrary.useCached();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
        ResultSet rs = c.createStatement().executeQuery("SELECT sqlite_version()")) {
      rs.next();
      System.out.println("version " + rs.getString(1));
    }
    for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
      if (line.contains("sqlitejdbc")) {
        System.out.println("mapped " + line.substring(line.indexOf('/')));
        break;
      }
    }
  }
}
