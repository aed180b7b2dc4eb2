package dev.outlet.sqs;

import dev.outlet.edge.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The query protocol's XML for SQS's {@link Results}: {@code <OpResponse><OpResult>...</OpResult>
 * <ResponseMetadata><RequestId>...}, with SQS's flattened lists and maps ({@code <QueueUrl>}
 * repeated, {@code <Attribute><Name/><Value/></Attribute>}, {@code <Tag><Key/><Value/></Tag>},
 * {@code <Message>}, {@code <SendMessageBatchResultEntry>}, {@code <BatchResultErrorEntry>}). Pure.
 */
final class QueryReplies {
  static final String NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";

  private QueryReplies() {}

  static Reply reply(String operation, Results result, String requestId) {
    StringBuilder b = new StringBuilder(512);
    b.append("<?xml version=\"1.0\"?><").append(operation).append("Response xmlns=\"");
    b.append(NAMESPACE).append("\">");
    if (!(result instanceof Results.Empty)) {
      b.append('<').append(operation).append("Result>");
      members(b, operation, result);
      b.append("</").append(operation).append("Result>");
    }
    b.append("<ResponseMetadata><RequestId>").append(requestId);
    b.append("</RequestId></ResponseMetadata></").append(operation).append("Response>");
    return Reply.ok("text/xml", b.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void members(StringBuilder b, String operation, Results result) {
    switch (result) {
      case Results.Empty e -> {}
      case Results.QueueUrl u -> text(b, "QueueUrl", u.queueUrl());
      case Results.QueueUrls u -> {
        u.queueUrls().forEach(url -> text(b, "QueueUrl", url));
        text(b, "NextToken", u.nextToken());
      }
      case Results.SourceQueues u -> {
        u.queueUrls().forEach(url -> text(b, "QueueUrl", url));
        text(b, "NextToken", u.nextToken());
      }
      case Results.Attributes a -> pairs(b, "Attribute", "Name", a.attributes());
      case Results.Tags t -> pairs(b, "Tag", "Key", t.tags());
      case Results.Sent s -> {
        text(b, "MessageId", s.messageId());
        text(b, "MD5OfMessageBody", s.md5OfMessageBody());
        text(b, "MD5OfMessageAttributes", s.md5OfMessageAttributes());
        text(b, "MD5OfMessageSystemAttributes", s.md5OfMessageSystemAttributes());
        text(b, "SequenceNumber", s.sequenceNumber());
      }
      case Results.SentBatch s -> {
        for (Results.SentEntry e : s.successful()) {
          b.append("<SendMessageBatchResultEntry>");
          text(b, "Id", e.id());
          text(b, "MessageId", e.messageId());
          text(b, "MD5OfMessageBody", e.md5OfMessageBody());
          text(b, "MD5OfMessageAttributes", e.md5OfMessageAttributes());
          text(b, "MD5OfMessageSystemAttributes", e.md5OfMessageSystemAttributes());
          text(b, "SequenceNumber", e.sequenceNumber());
          b.append("</SendMessageBatchResultEntry>");
        }
        failed(b, s.failed());
      }
      case Results.DoneBatch d -> {
        String entry = operation + "ResultEntry";
        for (Results.Done done : d.successful()) {
          b.append('<').append(entry).append('>');
          text(b, "Id", done.id());
          b.append("</").append(entry).append('>');
        }
        failed(b, d.failed());
      }
      case Results.Received r -> r.messages().forEach(m -> message(b, m));
      case Results.TaskHandle t -> text(b, "TaskHandle", t.taskHandle());
      case Results.MoveTasks l -> l.results().forEach(t -> moveTask(b, t));
      case Results.Cancelled c ->
          text(
              b,
              "ApproximateNumberOfMessagesMoved",
              Long.toString(c.approximateNumberOfMessagesMoved()));
    }
  }

  private static void moveTask(StringBuilder b, Results.MoveTask t) {
    b.append("<ListMessageMoveTasksResultEntry>");
    text(b, "TaskHandle", t.taskHandle());
    text(b, "Status", t.status());
    text(b, "SourceArn", t.sourceArn());
    text(b, "DestinationArn", t.destinationArn());
    if (t.maxNumberOfMessagesPerSecond() != null) {
      text(b, "MaxNumberOfMessagesPerSecond", t.maxNumberOfMessagesPerSecond().toString());
    }
    text(
        b, "ApproximateNumberOfMessagesMoved", Long.toString(t.approximateNumberOfMessagesMoved()));
    if (t.approximateNumberOfMessagesToMove() != null) {
      text(
          b, "ApproximateNumberOfMessagesToMove", t.approximateNumberOfMessagesToMove().toString());
    }
    text(b, "FailureReason", t.failureReason());
    text(b, "StartedTimestamp", Long.toString(t.startedTimestamp()));
    b.append("</ListMessageMoveTasksResultEntry>");
  }

  private static void message(StringBuilder b, Results.Message m) {
    b.append("<Message>");
    text(b, "MessageId", m.messageId());
    text(b, "ReceiptHandle", m.receiptHandle());
    text(b, "MD5OfBody", m.md5OfBody());
    text(b, "Body", m.body());
    pairs(b, "Attribute", "Name", m.attributes());
    text(b, "MD5OfMessageAttributes", m.md5OfMessageAttributes());
    if (m.messageAttributes() != null) {
      m.messageAttributes()
          .forEach(
              (name, a) -> {
                b.append("<MessageAttribute>");
                text(b, "Name", name);
                b.append("<Value>");
                text(b, "StringValue", a.stringValue());
                if (a.binaryValue() != null) {
                  text(b, "BinaryValue", Base64.getEncoder().encodeToString(a.binaryValue()));
                }
                text(b, "DataType", a.dataType());
                b.append("</Value></MessageAttribute>");
              });
    }
    b.append("</Message>");
  }

  private static void failed(StringBuilder b, List<Results.Failed> failed) {
    for (Results.Failed f : failed) {
      b.append("<BatchResultErrorEntry>");
      text(b, "Id", f.id());
      text(b, "SenderFault", Boolean.toString(f.senderFault()));
      text(b, "Code", f.code());
      text(b, "Message", f.message());
      b.append("</BatchResultErrorEntry>");
    }
  }

  private static void pairs(StringBuilder b, String element, String key, Map<String, String> map) {
    if (map == null) {
      return;
    }
    map.forEach(
        (k, v) -> {
          b.append('<').append(element).append('>');
          text(b, key, k);
          text(b, "Value", v);
          b.append("</").append(element).append('>');
        });
  }

  private static void text(StringBuilder b, String element, String value) {
    if (value == null) {
      return;
    }
    b.append('<').append(element).append('>');
    escape(b, value);
    b.append("</").append(element).append('>');
  }

  /** XML text, keeping carriage returns (as {@code &#xD;}) that parsers would fold. */
  static void escape(StringBuilder b, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        case '\r' -> b.append("&#xD;");
        default -> b.append(c);
      }
    }
  }
}
