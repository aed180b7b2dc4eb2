package dev.outlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.storage.DocumentTable;
import dev.outlet.storage.DurableSqlite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions' resource policies on a real document store (SQLite): what {@link FunctionPolicies#of}
 * answers follows each write, also one made by another opener of the store (a node of a cluster),
 * and the policies an earlier Outlet kept in {@code function-policies.db} are taken in once.
 */
class FunctionPoliciesTest {
  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
  private static final String POLICY =
      "{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[{\"Sid\":\"s\","
          + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"lambda:InvokeFunction\","
          + "\"Resource\":\""
          + ARN
          + "f\"}]}";

  @TempDir Path dir;

  @Test
  void aWriteIsWhatTheInvokePathReadsAndADeletedFunctionTakesItsPoliciesAlong() {
    try (FunctionPolicies p = open()) {
      assertThat(p.of(ARN + "f")).isEmpty();
      p.write("f", "", POLICY, "rev-1");
      p.write("f", "live", POLICY.replace(":f\"", ":f:live\""), "rev-2");
      assertThat(p.of(ARN + "f")).hasSize(1);
      assertThat(p.of(ARN + "f:live")).hasSize(1);
      assertThat(p.find("f", "").orElseThrow().revisionId()).isEqualTo("rev-1");
      assertThat(p.find("f", "").orElseThrow().json()).isEqualTo(POLICY);

      p.functionDeleted("f:live");
      assertThat(p.of(ARN + "f:live")).isEmpty();
      assertThat(p.of(ARN + "f")).hasSize(1);
      p.functionDeleted("f");
      assertThat(p.of(ARN + "f")).isEmpty();
    }
    try (FunctionPolicies again = open()) {
      assertThat(again.find("f", "")).isEmpty();
    }
  }

  @Test
  void thePoliciesOfAnEarlierOutletAreTakenInOnce() throws Exception {
    Path legacy = dir.resolve(FunctionPolicies.LEGACY_FILE);
    Connection db =
        DurableSqlite.open(
            legacy,
            List.of(
                "CREATE TABLE policies (function TEXT NOT NULL, qualifier TEXT NOT NULL,"
                    + " policy TEXT NOT NULL, revision_id TEXT NOT NULL,"
                    + " PRIMARY KEY (function, qualifier))"));
    try (Statement s = db.createStatement()) {
      s.execute(
          "INSERT INTO policies VALUES ('f', '', '" + POLICY.replace("'", "''") + "', 'old-rev')");
    } finally {
      DurableSqlite.closeQuietly(db);
    }

    try (FunctionPolicies p = open()) {
      assertThat(p.find("f", "").orElseThrow().revisionId()).isEqualTo("old-rev");
      assertThat(p.of(ARN + "f")).hasSize(1);
    }
    assertThat(legacy).doesNotExist();
    assertThat(dir.resolve(FunctionPolicies.LEGACY_FILE + ".imported")).exists();
    try (FunctionPolicies p = open()) {
      assertThat(p.find("f", "").orElseThrow().revisionId()).isEqualTo("old-rev");
    }
    assertThat(Files.exists(legacy)).isFalse();
  }

  private FunctionPolicies open() {
    return FunctionPolicies.open(DocumentTable.open(dir.resolve("policies.db")), dir);
  }
}
