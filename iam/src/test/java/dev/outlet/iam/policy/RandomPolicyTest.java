package dev.outlet.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random documents, well-formed and mangled, and random requests: parsing throws nothing but
 * {@link PolicyException}, and evaluating a parsed document never throws and decides the same way
 * every time it is asked.
 */
class RandomPolicyTest {
  private static final long SEED = 20261204L;
  private static final String[] ACTIONS = {
    "*",
    "lambda:*",
    "lambda:Invoke*",
    "lambda:InvokeFunction",
    "lambda:Get?unction",
    "sqs:*",
    "logs:PutLogEvents",
    "iam:PassRole",
    "s3:Get*",
    "Lambda:invokefunction"
  };
  private static final String[] RESOURCES = {
    "*",
    "arn:aws:lambda:*:*:function:*",
    "arn:aws:lambda:us-east-1:123456789012:function:orders",
    "arn:aws:lambda:us-east-1:123456789012:function:${aws:username}-*",
    "arn:aws:logs:*:*:log-group:/aws/lambda/*",
    "arn:aws:sqs:*:210987654321:*",
    "arn:aws:s3:::bucket/*",
    "arn:*"
  };
  private static final String[] OPERATORS = {
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "ArnLike",
    "ArnNotEquals",
    "NumericLessThan",
    "NumericEquals",
    "DateGreaterThan",
    "Bool",
    "IpAddress",
    "NotIpAddress",
    "Null",
    "StringEqualsIfExists",
    "ForAnyValue:StringLike",
    "ForAllValues:StringEquals",
    "DateLessThanIfExists",
    "BinaryEquals",
    "StringEqualz"
  };
  private static final String[] KEYS = {
    "aws:SourceArn", "aws:SourceAccount", "aws:PrincipalTag/team", "aws:SourceIp",
    "aws:SecureTransport", "aws:CurrentTime", "lambda:FunctionUrlAuthType", "aws:username"
  };
  private static final String[] VALUES = {
    "123456789012",
    "orders",
    "team-*",
    "10.0.0.0/8",
    "2001:db8::/32",
    "true",
    "false",
    "42",
    "2026-12-04T10:00:00Z",
    "1796378400",
    "arn:aws:events:*:123456789012:rule/*",
    "${aws:username}",
    "NONE",
    "*",
    "?",
    "",
    "300.1.1.1/99",
    "${aws:PrincipalTag/team, 'x'}",
    "::",
    "${"
  };
  private static final String[] PRINCIPALS = {
    "\"*\"",
    "{\"AWS\":\"123456789012\"}",
    "{\"AWS\":\"arn:aws:iam::123456789012:root\"}",
    "{\"Service\":\"events.amazonaws.com\"}",
    "{\"AWS\":[\"*\",\"arn:aws:iam::1:role/r\"]}"
  };
  private static final String[] CALLERS = {
    "arn:aws:iam::123456789012:user/alice",
    "arn:aws:iam::210987654321:user/bob",
    "arn:aws:sts::123456789012:assumed-role/worker/s1",
    "events.amazonaws.com",
    "anonymous",
    ""
  };
  private static final String[] REQUEST_ACTIONS = {
    "lambda:InvokeFunction", "lambda:GetFunction", "sqs:SendMessage", "logs:PutLogEvents", "x"
  };
  private static final String[] REQUEST_RESOURCES = {
    "arn:aws:lambda:us-east-1:123456789012:function:orders",
    "arn:aws:lambda:us-east-1:123456789012:function:alice-x",
    "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders:*",
    "arn:aws:sqs:us-east-1:210987654321:q",
    "*",
    "arn:",
    ":::::::",
    ""
  };

  @Test
  void parsingThrowsOnlyPolicyExceptionAndDecisionsAreDeterministic() {
    Random random = new Random(SEED);
    int parsed = 0;
    int refused = 0;
    int decisions = 0;
    for (int i = 0; i < 4_000; i++) {
      PolicyKind kind = random.nextBoolean() ? PolicyKind.IDENTITY : PolicyKind.RESOURCE;
      String json = document(random, kind);
      if (random.nextInt(3) == 0) {
        json = mangle(random, json);
      }
      PolicyDocument document;
      try {
        document = PolicyDocument.parse(json, kind);
        parsed++;
      } catch (PolicyException e) {
        assertThat(e.code()).isIn(PolicyException.MALFORMED, PolicyException.LIMIT_EXCEEDED);
        assertThat(e.getMessage()).isNotBlank();
        refused++;
        continue;
      } catch (RuntimeException e) {
        fail("parsing threw " + e + " for " + json);
        return;
      }
      List<PolicyDocument> identity = kind == PolicyKind.IDENTITY ? List.of(document) : List.of();
      List<PolicyDocument> resource = kind == PolicyKind.RESOURCE ? List.of(document) : List.of();
      for (int r = 0; r < 5; r++) {
        Request request = request(random);
        Decision first = PolicyEvaluator.evaluate(request, identity, resource);
        Decision second = PolicyEvaluator.evaluate(request, identity, resource);
        assertThat(second).as(json + " / " + request).isEqualTo(first);
        if (!first.allowed()) {
          assertThat(DenialMessage.of(request, first)).startsWith("User: ");
        }
        decisions++;
      }
    }
    assertThat(parsed).isGreaterThan(1_000);
    assertThat(refused).isGreaterThan(500);
    assertThat(decisions).isEqualTo(parsed * 5);
  }

  private static String document(Random random, PolicyKind kind) {
    StringBuilder json = new StringBuilder("{");
    if (random.nextInt(4) != 0) {
      json.append("\"Version\":\"").append(random.nextInt(8) == 0 ? "2008-10-17" : "2012-10-17");
      json.append("\",");
    }
    json.append("\"Statement\":");
    int statements = 1 + random.nextInt(3);
    boolean array = statements > 1 || random.nextBoolean();
    if (array) {
      json.append('[');
    }
    for (int s = 0; s < statements; s++) {
      if (s > 0) {
        json.append(',');
      }
      statement(random, kind, json);
    }
    if (array) {
      json.append(']');
    }
    return json.append('}').toString();
  }

  private static void statement(Random random, PolicyKind kind, StringBuilder json) {
    json.append("{\"Effect\":\"").append(random.nextInt(4) == 0 ? "Deny" : "Allow").append('"');
    if (kind == PolicyKind.RESOURCE || random.nextInt(30) == 0) {
      json.append(random.nextInt(6) == 0 ? ",\"NotPrincipal\":" : ",\"Principal\":");
      json.append(pick(random, PRINCIPALS));
    }
    json.append(random.nextInt(5) == 0 ? ",\"NotAction\":" : ",\"Action\":");
    list(random, ACTIONS, json);
    if (kind == PolicyKind.IDENTITY || random.nextBoolean()) {
      json.append(random.nextInt(6) == 0 ? ",\"NotResource\":" : ",\"Resource\":");
      list(random, RESOURCES, json);
    }
    if (random.nextBoolean()) {
      json.append(",\"Condition\":{");
      int operators = 1 + random.nextInt(2);
      for (int o = 0; o < operators; o++) {
        if (o > 0) {
          json.append(',');
        }
        json.append('"')
            .append(OPERATORS[(o + random.nextInt(OPERATORS.length)) % OPERATORS.length]);
        json.append("\":{\"").append(pick(random, KEYS)).append("\":");
        list(random, VALUES, json);
        json.append('}');
      }
      json.append('}');
    }
    json.append('}');
  }

  private static void list(Random random, String[] choices, StringBuilder json) {
    int count = random.nextInt(3);
    if (count == 0) {
      json.append('"').append(pick(random, choices)).append('"');
      return;
    }
    json.append('[');
    for (int i = 0; i < count; i++) {
      json.append(i > 0 ? "," : "").append('"').append(pick(random, choices)).append('"');
    }
    json.append(']');
  }

  private static String mangle(Random random, String json) {
    StringBuilder text = new StringBuilder(json);
    int edits = 1 + random.nextInt(4);
    String noise = "{}[]\",:*?$\\ \u0000\u00e9\ud83d\ude00aZ09-/";
    for (int e = 0; e < edits && text.length() > 0; e++) {
      int at = random.nextInt(text.length());
      switch (random.nextInt(3)) {
        case 0 -> text.deleteCharAt(at);
        case 1 -> text.insert(at, noise.charAt(random.nextInt(noise.length())));
        default -> text.setCharAt(at, noise.charAt(random.nextInt(noise.length())));
      }
    }
    return text.toString();
  }

  private static Request request(Random random) {
    Map<String, List<String>> context = new HashMap<>();
    int keys = random.nextInt(5);
    for (int k = 0; k < keys; k++) {
      List<String> values = new ArrayList<>();
      int count = random.nextInt(3);
      for (int v = 0; v < count; v++) {
        values.add(pick(random, VALUES));
      }
      context.put(pick(random, KEYS), values);
    }
    return new Request(
        pick(random, CALLERS),
        pick(random, REQUEST_ACTIONS),
        pick(random, REQUEST_RESOURCES),
        context);
  }

  private static String pick(Random random, String[] choices) {
    return choices[random.nextInt(choices.length)];
  }
}
