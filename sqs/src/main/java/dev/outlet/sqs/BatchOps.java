package dev.outlet.sqs;

import dev.outlet.edge.AwsException;
import dev.outlet.edge.Call;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The batch operations: the batch checked as a whole (not empty, at most 10 entries, distinct valid
 * ids, at most 256 KiB sent), then each entry on its own, answered as {@code Successful} or {@code
 * Failed}. The messages of a send batch are committed together.
 */
final class BatchOps {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final int MAX_BATCH_BYTES = 262_144;

  private BatchOps() {}

  static Results sendMessageBatch(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.SendMessageBatch.class);
    Queue q = sqs.queue(call, in);
    List<Inputs.SendEntry> entries = entries(in.entries(), "SendMessageBatchRequestEntry");
    checkIds(entries, Inputs.SendEntry::id);
    long total = 0;
    for (Inputs.SendEntry e : entries) {
      total += e.messageBody() == null ? 0 : Utf8.length(e.messageBody());
      try {
        total += MessageChecks.attributes(e.messageAttributes());
      } catch (AwsException invalid) {
        // refused as the entry's own failure below
      }
    }
    if (total > MAX_BATCH_BYTES) {
      throw SqsError.BATCH_REQUEST_TOO_LONG.with(
          "Batch requests cannot be longer than 262144 bytes. You have sent " + total + " bytes.");
    }
    List<Inputs.SendEntry> accepted = new ArrayList<>();
    List<Messages.Outgoing> outgoing = new ArrayList<>();
    List<Results.Failed> failed = new ArrayList<>();
    for (Inputs.SendEntry e : entries) {
      try {
        outgoing.add(
            MessageOps.outgoing(
                q.settings(),
                e.messageBody(),
                e.delaySeconds(),
                e.messageAttributes(),
                e.systemAttributes(),
                e.messageGroupId(),
                e.messageDeduplicationId()));
        accepted.add(e);
      } catch (AwsException refused) {
        failed.add(failure(e.id(), refused));
      }
    }
    List<StoredMessage> sent = outgoing.isEmpty() ? List.of() : sqs.messages().send(q, outgoing);
    List<Results.SentEntry> ok = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      StoredMessage m = sent.get(i);
      ok.add(
          new Results.SentEntry(
              accepted.get(i).id(),
              m.id(),
              Md5s.ofBody(m.body()),
              Md5s.ofAttributes(m.attributes()),
              Md5s.ofAttributes(accepted.get(i).systemAttributes()),
              m.groupId() == null ? null : Fifo.sequenceNumber(m.seq())));
    }
    return new Results.SentBatch(ok, failed);
  }

  /** One commit for the whole batch; an entry whose handle is invalid fails alone. */
  static Results deleteMessageBatch(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.HandleBatch.class);
    Queue q = sqs.queue(call, in);
    List<Inputs.HandleEntry> entries = entries(in.entries(), "DeleteMessageBatchRequestEntry");
    checkIds(entries, Inputs.HandleEntry::id);
    List<Results.Done> ok = new ArrayList<>();
    List<Results.Failed> failed = new ArrayList<>();
    List<String> handles = new ArrayList<>();
    for (Inputs.HandleEntry e : entries) {
      try {
        ReceiptHandles.parse(e.receiptHandle());
        handles.add(e.receiptHandle());
        ok.add(new Results.Done(e.id()));
      } catch (AwsException refused) {
        failed.add(failure(e.id(), refused));
      }
    }
    if (!handles.isEmpty()) {
      sqs.messages().deleteAll(q, handles);
    }
    return new Results.DoneBatch(ok, failed);
  }

  /**
   * One commit for the whole batch; an entry refused (expired handle, not in flight) fails alone.
   */
  static Results changeMessageVisibilityBatch(Sqs sqs, Call call) {
    var in = Wire.input(call, Inputs.HandleBatch.class);
    Queue q = sqs.queue(call, in);
    List<Inputs.HandleEntry> entries =
        entries(in.entries(), "ChangeMessageVisibilityBatchRequestEntry");
    checkIds(entries, Inputs.HandleEntry::id);
    List<Results.Done> ok = new ArrayList<>();
    List<Results.Failed> failed = new ArrayList<>();
    List<Inputs.HandleEntry> valid = new ArrayList<>(entries.size());
    List<Messages.VisibilityChange> changes = new ArrayList<>(entries.size());
    for (Inputs.HandleEntry e : entries) {
      try {
        int seconds = MessageOps.visibility(e.visibilityTimeout());
        changes.add(new Messages.VisibilityChange(e.receiptHandle(), seconds));
        valid.add(e);
      } catch (AwsException refused) {
        failed.add(failure(e.id(), refused));
      }
    }
    List<AwsException> refused =
        changes.isEmpty() ? List.of() : sqs.messages().changeVisibility(q, changes);
    for (int i = 0; i < refused.size(); i++) {
      if (refused.get(i) == null) {
        ok.add(new Results.Done(valid.get(i).id()));
      } else {
        failed.add(failure(valid.get(i).id(), refused.get(i)));
      }
    }
    return new Results.DoneBatch(ok, failed);
  }

  private static Results.Failed failure(String id, AwsException e) {
    return new Results.Failed(id, e.status() < 500, e.queryCode(), e.getMessage());
  }

  private static <T> List<T> entries(List<T> entries, String entryName) {
    if (entries == null || entries.isEmpty()) {
      throw SqsError.EMPTY_BATCH_REQUEST.with(
          "There should be at least one " + entryName + " in the request.");
    }
    if (entries.size() > 10) {
      throw SqsError.TOO_MANY_ENTRIES.with(
          "Maximum number of entries per request are 10. You have sent " + entries.size() + ".");
    }
    if (entries.contains(null)) {
      throw SqsError.missing(entryName);
    }
    return entries;
  }

  private static <T> void checkIds(List<T> entries, Function<T, String> id) {
    Set<String> seen = new HashSet<>();
    for (T e : entries) {
      String i = id.apply(e);
      if (i == null || !ID.matcher(i).matches()) {
        throw SqsError.INVALID_BATCH_ENTRY_ID.with(
            "A batch entry id can only contain alphanumeric characters, hyphens and underscores."
                + " It can be at most 80 letters long.");
      }
      if (!seen.add(i)) {
        throw SqsError.BATCH_IDS_NOT_DISTINCT.with("Id " + i + " repeated.");
      }
    }
  }
}
