package dev.outlet.server;

import dev.outlet.core.ErrorCode;
import dev.outlet.core.LambdaException;
import dev.outlet.invoke.InvokeOutcome;
import dev.outlet.invoke.InvokeRequest;
import dev.outlet.sandbox.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The node-to-node invoke (issue 20): one synchronous invocation that a node forwards to the node
 * that runs it, and the answer. Both directions are plain HTTP/1.1 on the nodes' peer port, each
 * message signed with the cluster's secret (HMAC-SHA256 over its fields and the SHA-256 of its
 * body), so that only nodes of the cluster can run invocations through that port or forge their
 * answers. A request is good for {@link #WINDOW_MILLIS} either side of its time; the receiving node
 * also refuses a request id it has already run in that window ({@link PeerServer}).
 *
 * <p>Reading is reachable from the network: every header is checked for presence and size before
 * use, and anything malformed is {@link Read.Invalid}, never an exception.
 */
final class PeerWire {
  static final String PATH = "/invoke";
  static final long WINDOW_MILLIS = 30_000;
  static final int MAX_FIELD = 8 * 1024;

  static final String REGION = "X-Outlet-Region";
  static final String FUNCTION = "X-Outlet-Function";
  static final String VERSION = "X-Outlet-Version";
  static final String REQUEST_ID = "X-Outlet-Request-Id";
  static final String ARN = "X-Outlet-Arn";
  static final String CONTEXT = "X-Outlet-Client-Context";
  static final String TAIL = "X-Outlet-Tail";
  static final String STREAM = "X-Outlet-Stream";
  static final String TIME = "X-Outlet-Time";
  static final String SIGNATURE = "X-Outlet-Signature";
  static final String OUTCOME = "X-Outlet-Outcome";
  static final String EXECUTED = "X-Outlet-Executed-Version";
  static final String LOG = "X-Outlet-Log-Result";
  static final String CONTENT_TYPE = "X-Outlet-Content-Type";
  static final String ERROR_TYPE = "X-Outlet-Error-Type";
  static final String CAUSE = "X-Outlet-Cause";
  static final String REFUSED = "X-Outlet-Refused";
  static final String REASON = "X-Outlet-Reason";

  /** The refusal that means "not run, run it elsewhere": the node does not know the version. */
  static final String NOT_HERE = "not-here";

  private PeerWire() {}

  /**
   * One forwarded invocation: which function version, in which region, the request, and whether its
   * caller reads the response as a stream (the answer then comes in {@link PeerStream}'s frames).
   */
  record Call(
      String region, String function, String version, InvokeRequest request, boolean streamed) {
    /** A call streamed when {@code request} carries a stream. */
    Call(String region, String function, String version, InvokeRequest request) {
      this(region, function, version, request, request.stream() != null);
    }
  }

  /** A request or an answer, read. */
  sealed interface Read<T> permits Read.Valid, Read.Invalid {
    record Valid<T>(T value) implements Read<T> {}

    record Invalid<T>(String why) implements Read<T> {}
  }

  /** How a forwarded invocation ended on the node that was asked. */
  sealed interface Answer permits Ran, Refused, NotHere {}

  /** It ran; what the caller receives. */
  record Ran(InvokeOutcome outcome) implements Answer {}

  /** It was refused before it ran (a throttle, the node stopping): the error the caller gets. */
  record Refused(LambdaException error) implements Answer {}

  /** The node does not know the version (yet): nothing ran, it may run elsewhere. */
  record NotHere(String why) implements Answer {}

  /** The signing key: the cluster's secret, with a MAC per thread (a {@code Mac} is not shared). */
  static final class Key {
    private final ThreadLocal<Mac> macs;

    Key(byte[] secret) {
      if (secret.length < 16) {
        throw new IllegalArgumentException("a cluster secret has at least 16 bytes");
      }
      SecretKeySpec spec = new SecretKeySpec(secret.clone(), "HmacSHA256");
      this.macs =
          ThreadLocal.withInitial(
              () -> {
                try {
                  Mac mac = Mac.getInstance("HmacSHA256");
                  mac.init(spec);
                  return mac;
                } catch (GeneralSecurityException e) {
                  throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
                }
              });
    }

    String sign(String... fields) {
      Mac mac = macs.get();
      for (String f : fields) {
        mac.update(f.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '\n');
      }
      return Base64.getEncoder().encodeToString(mac.doFinal());
    }

    /**
     * The MAC of frame {@code seq} of the stream answering {@code requestId} ({@link PeerStream}).
     */
    byte[] mac(String requestId, long seq, byte kind, byte[] payload, int offset, int length) {
      Mac mac = macs.get();
      mac.update(requestId.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '\n');
      for (int shift = 56; shift >= 0; shift -= 8) {
        mac.update((byte) (seq >>> shift));
      }
      mac.update(kind);
      mac.update(payload, offset, length);
      return mac.doFinal();
    }

    boolean verify(String signature, String... fields) {
      return signature != null
          && MessageDigest.isEqual(
              sign(fields).getBytes(StandardCharsets.US_ASCII),
              signature.getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** The headers of the request forwarding {@code call} at {@code now}. */
  static Map<String, String> request(Call call, byte[] payload, long now, Key key) {
    InvokeRequest r = call.request();
    String context =
        r.clientContext() == null
            ? ""
            : Base64.getEncoder()
                .encodeToString(r.clientContext().getBytes(StandardCharsets.UTF_8));
    String time = Long.toString(now);
    String tail = r.tail() ? "1" : "0";
    String stream = call.streamed() ? "1" : "0";
    Map<String, String> h = new LinkedHashMap<>();
    h.put(REGION, call.region());
    h.put(FUNCTION, call.function());
    h.put(VERSION, call.version());
    h.put(REQUEST_ID, r.requestId());
    h.put(ARN, r.invokedFunctionArn());
    if (!context.isEmpty()) {
      h.put(CONTEXT, context);
    }
    h.put(TAIL, tail);
    h.put(STREAM, stream);
    h.put(TIME, time);
    h.put(
        SIGNATURE,
        key.sign(
            "request",
            time,
            call.region(),
            call.function(),
            call.version(),
            r.requestId(),
            r.invokedFunctionArn(),
            context,
            tail,
            stream,
            digest(payload)));
    return h;
  }

  /** Reads a forwarded request: checked, verified and within the window of {@code now}. */
  static Read<Call> readRequest(
      Function<String, String> headers, byte[] payload, long now, Key key) {
    String region = field(headers, REGION);
    String function = field(headers, FUNCTION);
    String version = field(headers, VERSION);
    String requestId = field(headers, REQUEST_ID);
    String arn = field(headers, ARN);
    String time = field(headers, TIME);
    String tail = field(headers, TAIL);
    String signature = field(headers, SIGNATURE);
    String stream = field(headers, STREAM);
    if (region == null
        || stream == null
        || function == null
        || version == null
        || requestId == null
        || arn == null
        || time == null
        || tail == null
        || signature == null) {
      return new Read.Invalid<>("a header is missing or longer than " + MAX_FIELD + " bytes");
    }
    String context = field(headers, CONTEXT);
    context = context == null ? "" : context;
    long at;
    try {
      at = Long.parseLong(time);
    } catch (NumberFormatException e) {
      return new Read.Invalid<>("the time is not a number");
    }
    if (!key.verify(
        signature,
        "request",
        time,
        region,
        function,
        version,
        requestId,
        arn,
        context,
        tail,
        stream,
        digest(payload))) {
      return new Read.Invalid<>(
          "the signature does not match (not signed with this cluster's key)");
    }
    if (Math.abs(now - at) > WINDOW_MILLIS) {
      return new Read.Invalid<>(
          "the request is " + Math.abs(now - at) / 1000 + " s from this node's clock");
    }
    String clientContext;
    try {
      clientContext =
          context.isEmpty()
              ? null
              : new String(Base64.getDecoder().decode(context), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return new Read.Invalid<>("the client context is not base64");
    }
    return new Read.Valid<>(
        new Call(
            region,
            function,
            version,
            new InvokeRequest(requestId, payload, arn, clientContext, "1".equals(tail)),
            "1".equals(stream)));
  }

  /** The status and headers of {@code answer} to the request {@code requestId}. */
  static Head answer(Answer answer, String requestId, byte[] body, Key key) {
    Map<String, String> h = new LinkedHashMap<>();
    int status;
    switch (answer) {
      case Ran ran -> {
        status = 200;
        InvokeOutcome o = ran.outcome();
        InvocationResult r = o.result();
        h.put(
            OUTCOME,
            switch (r) {
              case InvocationResult.Success s -> "success";
              case InvocationResult.FunctionError e -> "function-error";
              case InvocationResult.Failure f -> "failure";
            });
        h.put(EXECUTED, o.executedVersion());
        h.put(CONTENT_TYPE, r.contentType() == null ? "" : r.contentType());
        h.put(LOG, o.logResult() == null ? "" : o.logResult());
        if (r instanceof InvocationResult.Failure f) {
          h.put(CAUSE, f.cause().name());
          h.put(ERROR_TYPE, f.errorType());
        }
      }
      case Refused refused -> {
        status = refused.error().code().status();
        h.put(REFUSED, refused.error().code().wireName());
        refused.error().reason().ifPresent(reason -> h.put(REASON, reason));
      }
      case NotHere notHere -> {
        status = 421;
        h.put(REFUSED, NOT_HERE);
      }
    }
    h.put(SIGNATURE, key.sign(answerFields(status, requestId, h, body)));
    return new Head(status, h);
  }

  /** A status and headers. */
  record Head(int status, Map<String, String> headers) {}

  /** Reads the answer to the request {@code requestId}; a forged or malformed one is invalid. */
  static Read<Answer> readAnswer(
      int status, Function<String, String> headers, byte[] body, String requestId, Key key) {
    Map<String, String> h = new LinkedHashMap<>();
    for (String name :
        new String[] {OUTCOME, EXECUTED, CONTENT_TYPE, LOG, CAUSE, ERROR_TYPE, REFUSED, REASON}) {
      String v = field(headers, name);
      if (v != null) {
        h.put(name, v);
      }
    }
    if (!key.verify(
        field(headers, SIGNATURE), answerFields(status, requestId, ordered(h, status), body))) {
      return new Read.Invalid<>("the answer's signature does not match");
    }
    if (status == 200) {
      return ran(h, body, requestId);
    }
    String refused = h.get(REFUSED);
    if (status == 421 && NOT_HERE.equals(refused)) {
      return new Read.Valid<>(new NotHere("the node does not know the version"));
    }
    for (ErrorCode code : ErrorCode.values()) {
      if (code.wireName().equals(refused)) {
        return new Read.Valid<>(
            new Refused(
                new LambdaException(
                    code, new String(body, StandardCharsets.UTF_8), h.get(REASON))));
      }
    }
    return new Read.Invalid<>("status " + status + " with no known error");
  }

  private static Read<Answer> ran(Map<String, String> h, byte[] body, String requestId) {
    String executed = h.get(EXECUTED);
    String outcome = h.get(OUTCOME);
    if (executed == null || outcome == null) {
      return new Read.Invalid<>("an answer without its outcome");
    }
    String log = h.getOrDefault(LOG, "");
    String contentType = h.getOrDefault(CONTENT_TYPE, "");
    InvocationResult result;
    switch (outcome) {
      case "success" ->
          result = new InvocationResult.Success(body, contentType.isEmpty() ? null : contentType);
      case "function-error" -> result = new InvocationResult.FunctionError(body);
      case "failure" -> {
        InvocationResult.Failure.Cause cause;
        try {
          cause = InvocationResult.Failure.Cause.valueOf(h.getOrDefault(CAUSE, ""));
        } catch (IllegalArgumentException e) {
          return new Read.Invalid<>("an unknown failure cause");
        }
        String type = h.getOrDefault(ERROR_TYPE, "");
        result = new InvocationResult.Failure(cause, type, type, body);
      }
      default -> {
        return new Read.Invalid<>("an unknown outcome");
      }
    }
    return new Read.Valid<>(
        new Ran(new InvokeOutcome(requestId, executed, result, log.isEmpty() ? null : log)));
  }

  /** The answer's headers in the order they were signed. */
  private static Map<String, String> ordered(Map<String, String> h, int status) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] order =
        status == 200
            ? new String[] {OUTCOME, EXECUTED, CONTENT_TYPE, LOG, CAUSE, ERROR_TYPE}
            : new String[] {REFUSED, REASON};
    for (String name : order) {
      if (h.containsKey(name)) {
        out.put(name, h.get(name));
      }
    }
    return out;
  }

  private static String[] answerFields(
      int status, String requestId, Map<String, String> headers, byte[] body) {
    String[] fields = new String[headers.size() * 2 + 4];
    int i = 0;
    fields[i++] = "answer";
    fields[i++] = Integer.toString(status);
    fields[i++] = requestId;
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equals(SIGNATURE)) {
        continue;
      }
      fields[i++] = e.getKey();
      fields[i++] = e.getValue();
    }
    fields[i] = digest(body);
    return java.util.Arrays.copyOf(fields, i + 1);
  }

  private static String field(Function<String, String> headers, String name) {
    String v = headers.apply(name);
    return v == null || v.length() > MAX_FIELD ? null : v;
  }

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
          });

  static String digest(byte[] body) {
    return HexFormat.of().formatHex(SHA256.get().digest(body));
  }
}
