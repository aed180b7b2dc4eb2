package dev.outlet.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outlet.events.ScheduledEvent;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/** Builds sample events in the shapes the AWS services deliver them. Pure but for ids. */
final class SampleEvents {
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final String region;
  private final String account;
  private final Instant now;

  SampleEvents(String region, String account, Instant now) {
    this.region = region;
    this.account = account;
    this.now = now;
  }

  ObjectNode httpApi(
      String method, String path, String query, String body, String stage, String apiId) {
    String m = method.toUpperCase(Locale.ROOT);
    ObjectNode e = object();
    e.put("version", "2.0");
    e.put("routeKey", "$default");
    e.put("rawPath", path);
    e.put("rawQueryString", query);
    ObjectNode headers = e.putObject("headers");
    headers.put("accept", "*/*");
    headers.put(
        "content-length",
        Integer.toString(body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length));
    headers.put("host", apiId + ".execute-api." + region + ".amazonaws.com");
    headers.put("user-agent", "curl/7.88.1");
    headers.put("x-forwarded-for", "127.0.0.1");
    headers.put("x-forwarded-port", "443");
    headers.put("x-forwarded-proto", "https");
    if (!query.isEmpty()) {
      ObjectNode q = e.putObject("queryStringParameters");
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String k = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        String v = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        q.put(k, q.has(k) ? q.get(k).asText() + "," + v : v);
      }
    }
    ObjectNode ctx = e.putObject("requestContext");
    ctx.put("accountId", account);
    ctx.put("apiId", apiId);
    ctx.put("domainName", apiId + ".execute-api." + region + ".amazonaws.com");
    ctx.put("domainPrefix", apiId);
    ObjectNode http = ctx.putObject("http");
    http.put("method", m);
    http.put("path", path);
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "127.0.0.1");
    http.put("userAgent", "curl/7.88.1");
    ctx.put("requestId", UUID.randomUUID().toString());
    ctx.put("routeKey", "$default");
    ctx.put("stage", stage);
    ctx.put("time", CLF.format(now));
    ctx.put("timeEpoch", now.toEpochMilli());
    if (body != null) {
      e.put("body", body);
    }
    e.put("isBase64Encoded", false);
    return e;
  }

  ObjectNode restApi(
      String method, String path, String query, String body, String stage, String apiId) {
    String m = method.toUpperCase(Locale.ROOT);
    ObjectNode e = object();
    e.put("resource", path);
    e.put("path", path);
    e.put("httpMethod", m);
    ObjectNode headers = e.putObject("headers");
    headers.put("Accept", "*/*");
    headers.put("Host", apiId + ".execute-api." + region + ".amazonaws.com");
    headers.put("User-Agent", "curl/7.88.1");
    headers.put("X-Forwarded-For", "127.0.0.1");
    headers.put("X-Forwarded-Port", "443");
    headers.put("X-Forwarded-Proto", "https");
    ObjectNode multi = e.putObject("multiValueHeaders");
    headers.properties().forEach(h -> multi.putArray(h.getKey()).add(h.getValue().asText()));
    if (query.isEmpty()) {
      e.putNull("queryStringParameters");
      e.putNull("multiValueQueryStringParameters");
    } else {
      ObjectNode q = e.putObject("queryStringParameters");
      ObjectNode mq = e.putObject("multiValueQueryStringParameters");
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String k = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        String v = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        q.put(k, v);
        (mq.has(k) ? (com.fasterxml.jackson.databind.node.ArrayNode) mq.get(k) : mq.putArray(k))
            .add(v);
      }
    }
    e.putNull("pathParameters");
    e.putNull("stageVariables");
    ObjectNode ctx = e.putObject("requestContext");
    ctx.put("resourceId", "abc123");
    ctx.put("resourcePath", path);
    ctx.put("httpMethod", m);
    ctx.put("extendedRequestId", "EXAMPLE=");
    ctx.put("requestTime", CLF.format(now));
    ctx.put("path", "/" + stage + path);
    ctx.put("accountId", account);
    ctx.put("protocol", "HTTP/1.1");
    ctx.put("stage", stage);
    ctx.put("domainPrefix", apiId);
    ctx.put("requestTimeEpoch", now.toEpochMilli());
    ctx.put("requestId", UUID.randomUUID().toString());
    ObjectNode id = ctx.putObject("identity");
    for (String f :
        new String[] {
          "cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "accessKey"
        }) {
      id.putNull(f);
    }
    id.put("sourceIp", "127.0.0.1");
    for (String f :
        new String[] {
          "principalOrgId", "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn"
        }) {
      id.putNull(f);
    }
    id.put("userAgent", "curl/7.88.1");
    id.putNull("user");
    ctx.put("domainName", apiId + ".execute-api." + region + ".amazonaws.com");
    ctx.put("apiId", apiId);
    if (body == null) {
      e.putNull("body");
    } else {
      e.put("body", body);
    }
    e.put("isBase64Encoded", false);
    return e;
  }

  ObjectNode sqs(String queue, String body) {
    ObjectNode e = object();
    ObjectNode r = e.putArray("Records").addObject();
    r.put("messageId", UUID.randomUUID().toString());
    r.put("receiptHandle", "AQEB" + HexFormat.of().formatHex(md5(UUID.randomUUID().toString())));
    r.put("body", body);
    ObjectNode a = r.putObject("attributes");
    a.put("ApproximateReceiveCount", "1");
    a.put("SentTimestamp", Long.toString(now.toEpochMilli()));
    a.put("SenderId", "AIDAIENQZJOLO23YVJ4VO");
    a.put("ApproximateFirstReceiveTimestamp", Long.toString(now.toEpochMilli()));
    r.putObject("messageAttributes");
    r.put("md5OfBody", HexFormat.of().formatHex(md5(body)));
    r.put("eventSource", "aws:sqs");
    r.put("eventSourceARN", "arn:aws:sqs:" + region + ":" + account + ":" + queue);
    r.put("awsRegion", region);
    return e;
  }

  ObjectNode sns(String topic, String subject, String message) {
    String topicArn = "arn:aws:sns:" + region + ":" + account + ":" + topic;
    ObjectNode e = object();
    ObjectNode r = e.putArray("Records").addObject();
    r.put("EventVersion", "1.0");
    r.put("EventSubscriptionArn", topicArn + ":" + UUID.randomUUID());
    r.put("EventSource", "aws:sns");
    ObjectNode s = r.putObject("Sns");
    s.put("SignatureVersion", "1");
    s.put("Timestamp", iso());
    s.put("Signature", "EXAMPLE");
    s.put("SigningCertUrl", "EXAMPLE");
    s.put("MessageId", UUID.randomUUID().toString());
    s.put("Message", message);
    s.putObject("MessageAttributes");
    s.put("Type", "Notification");
    s.put("UnsubscribeUrl", "EXAMPLE");
    s.put("TopicArn", topicArn);
    s.put("Subject", subject);
    return e;
  }

  ObjectNode s3Put(String bucket, String key, long size) {
    ObjectNode e = object();
    ObjectNode r = e.putArray("Records").addObject();
    r.put("eventVersion", "2.1");
    r.put("eventSource", "aws:s3");
    r.put("awsRegion", region);
    r.put("eventTime", iso());
    r.put("eventName", "ObjectCreated:Put");
    r.putObject("userIdentity").put("principalId", "EXAMPLE");
    r.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
    r.putObject("responseElements")
        .put("x-amz-request-id", "EXAMPLE123456789")
        .put("x-amz-id-2", "EXAMPLE123/5678abcdefghijklambdaisawesome/mnopqrstuvwxyzABCDEFGH");
    ObjectNode s3 = r.putObject("s3");
    s3.put("s3SchemaVersion", "1.0");
    s3.put("configurationId", "testConfigRule");
    ObjectNode b = s3.putObject("bucket");
    b.put("name", bucket);
    b.putObject("ownerIdentity").put("principalId", "EXAMPLE");
    b.put("arn", "arn:aws:s3:::" + bucket);
    ObjectNode o = s3.putObject("object");
    o.put("key", key);
    o.put("size", size);
    o.put("eTag", HexFormat.of().formatHex(md5(key)));
    o.put("sequencer", "0A1B2C3D4E5F678901");
    return e;
  }

  /**
   * An event put on a bus ({@code PutEvents}) as a rule's Lambda target receives it.
   *
   * @param detail the {@code detail} object
   */
  ObjectNode eventBridge(
      String source,
      String detailType,
      com.fasterxml.jackson.databind.JsonNode detail,
      String bus) {
    ObjectNode e = object();
    e.put("version", "0");
    e.put("id", UUID.randomUUID().toString());
    e.put("detail-type", detailType);
    e.put("source", source);
    e.put("account", account);
    e.put("time", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)));
    e.put("region", region);
    e.putArray("resources");
    e.set("detail", detail);
    if (!"default".equals(bus)) {
      e.put("event-bus-name", bus);
    }
    return e;
  }

  ObjectNode scheduled(String rule) {
    try {
      return (ObjectNode)
          new ObjectMapper().readTree(ScheduledEvent.payload(region, account, rule, now));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String iso() {
    return DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MILLIS));
  }

  private static byte[] md5(String s) {
    try {
      return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
