package dev.outlet.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventJournalTest {
  @TempDir Path data;

  @Test
  void recordedEventsAreThereAfterAReopenInOrderUntilSettled() {
    try (SqliteEventJournal j = SqliteEventJournal.open(data)) {
      j.record("a", request("r1", "{\"n\":1}", "ctx"));
      j.record("b", request("r2", "{\"n\":2}", null));
      j.record("a", request("r3", "{\"n\":3}", null));
      j.settle("r2");
    }
    try (SqliteEventJournal j = SqliteEventJournal.open(data)) {
      var pending = j.pending();
      assertThat(pending).extracting(EventJournal.Pending::functionName).containsExactly("a", "a");
      InvokeRequest first = pending.get(0).request();
      assertThat(first.requestId()).isEqualTo("r1");
      assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
      assertThat(first.invokedFunctionArn()).isEqualTo("arn:aws:lambda:us-east-1:0:function:a");
      assertThat(first.clientContext()).isEqualTo("ctx");
      assertThat(pending.get(1).request().clientContext()).isNull();
      j.settle("r1");
      j.settle("r3");
      j.settle("unknown"); // a schedule's event was never recorded: nothing happens
    }
    try (SqliteEventJournal j = SqliteEventJournal.open(data)) {
      assertThat(j.pending()).isEmpty();
    }
  }

  @Test
  void concurrentRecordsAllArrive() throws Exception {
    int n = 200;
    try (SqliteEventJournal j = SqliteEventJournal.open(data);
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String id = "c" + i;
        done.add(threads.submit(() -> j.record("f", request(id, "{}", null))));
      }
      for (var f : done) {
        f.get();
      }
      assertThat(j.pending()).hasSize(n);
    }
  }

  @Test
  void aClosedJournalRefusesRecordsInsteadOfHanging() {
    SqliteEventJournal j = SqliteEventJournal.open(data);
    j.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> j.record("f", request("x", "{}", null)))
        .isInstanceOf(dev.outlet.storage.StorageException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aRecordWhoseGroupDoesNotCommitIsToldSoAndTheJournalGoesOn() {
    try (SqliteEventJournal j = SqliteEventJournal.open(data)) {
      j.record("f", request("dup", "{}", null));
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> j.record("f", request("dup", "{}", null))) // the request id is taken
          .isInstanceOf(dev.outlet.storage.StorageException.class)
          .hasMessageContaining("cannot write invocations.db");
      j.record("f", request("next", "{}", null));
      assertThat(j.pending())
          .extracting(p -> p.request().requestId())
          .containsExactly("dup", "next");
    }
  }

  @Test
  void aClosedJournalNamesItselfAndIgnoresSettlements() {
    SqliteEventJournal j = SqliteEventJournal.open(data);
    j.close();
    j.settle("r1");
    org.assertj.core.api.Assertions.assertThatThrownBy(j::pending)
        .isInstanceOf(dev.outlet.storage.StorageException.class)
        .hasMessage("invocations.db is closed");
  }

  private static InvokeRequest request(String id, String payload, String context) {
    return new InvokeRequest(
        id,
        payload.getBytes(StandardCharsets.UTF_8),
        "arn:aws:lambda:us-east-1:0:function:a",
        context,
        false);
  }
}
