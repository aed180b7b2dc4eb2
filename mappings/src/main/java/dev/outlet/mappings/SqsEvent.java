package dev.outlet.mappings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.outlet.sqs.MessageAttribute;
import dev.outlet.sqs.QueueConsumer.Delivered;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The event a mapping invokes its function with, as Lambda sends it for SQS: {@code Records}, one
 * per message, with its id, receipt handle, body, system attributes, message attributes (in
 * Lambda's camel-case shape), digests, {@code eventSource}, {@code eventSourceARN} and {@code
 * awsRegion}. Written by a streaming generator: no tree. Pure.
 */
final class SqsEvent {
  private static final JsonFactory JSON = new JsonFactory();

  private SqsEvent() {}

  static byte[] of(List<Delivered> batch, String queueArn, String region) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 512 * batch.size());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("Records");
      for (Delivered m : batch) {
        record(g, m, queueArn, region);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void record(JsonGenerator g, Delivered m, String queueArn, String region)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("messageId", m.messageId());
    g.writeStringField("receiptHandle", m.receiptHandle());
    g.writeStringField("body", m.body());
    g.writeObjectFieldStart("attributes");
    for (Map.Entry<String, String> a : m.attributes().entrySet()) {
      g.writeStringField(a.getKey(), a.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("messageAttributes");
    for (Map.Entry<String, MessageAttribute> a : m.messageAttributes().entrySet()) {
      g.writeObjectFieldStart(a.getKey());
      MessageAttribute v = a.getValue();
      if (v.binaryValue() != null) {
        g.writeBinaryField("binaryValue", v.binaryValue());
      } else {
        g.writeStringField("stringValue", v.stringValue());
      }
      g.writeArrayFieldStart("stringListValues");
      g.writeEndArray();
      g.writeArrayFieldStart("binaryListValues");
      g.writeEndArray();
      g.writeStringField("dataType", v.dataType());
      g.writeEndObject();
    }
    g.writeEndObject();
    if (m.md5OfMessageAttributes() != null) {
      g.writeStringField("md5OfMessageAttributes", m.md5OfMessageAttributes());
    }
    g.writeStringField("md5OfBody", m.md5OfBody());
    g.writeStringField("eventSource", "aws:sqs");
    g.writeStringField("eventSourceARN", queueArn);
    g.writeStringField("awsRegion", region);
    g.writeEndObject();
  }
}
