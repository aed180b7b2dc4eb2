package dev.outlet.sqs;

import dev.outlet.edge.Access;
import dev.outlet.edge.AwsException;
import dev.outlet.edge.Call;
import dev.outlet.edge.Operation;
import dev.outlet.edge.Protocol;
import dev.outlet.edge.RequestHead;
import dev.outlet.edge.RequestIdentity;
import dev.outlet.edge.Service;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * SQS standard and FIFO queues of one region on the AWS edge, as two {@link Service}s over one
 * operations map: AWS JSON 1.0 ({@code X-Amz-Target: AmazonSQS.Op}, query-compatible errors) and
 * the query protocol (a form with {@code Action}, signed for {@code sqs}, posted to the endpoint's
 * root or to a queue's path {@code /<account>/<name>}; XML replies). Owns the region's {@link
 * SqsStore} and {@link Messages}; closed by the region.
 */
public final class SqsService implements AutoCloseable {
  static final String TARGET_PREFIX = "AmazonSQS.";
  static final long MAX_BODY = 2L << 20;

  private final SqsStore store;
  private final Messages messages;
  private final List<Service> services;

  private SqsService(SqsStore store, Messages messages, List<Service> services) {
    this.store = store;
    this.messages = messages;
    this.services = services;
  }

  /**
   * Opens the queues of {@code file} for {@code region} and {@code account}; queue URLs use {@code
   * scheme} ({@code http} or {@code https}).
   */
  public static SqsService open(
      Path file, InstantSource clock, String region, String account, String scheme) {
    return open(SqsStore.open(file), clock, region, account, scheme);
  }

  /**
   * Opens the queues {@code store} holds (a cluster's, {@link SqsStore#shared}), which it owns from
   * now on.
   */
  public static SqsService open(
      SqsStore store, InstantSource clock, String region, String account, String scheme) {
    try {
      Queues queues = new Queues(store, clock, region, account);
      Messages messages = new Messages(queues, store, clock);
      return new SqsService(store, messages, services(new Sqs(queues, messages, scheme)));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Sends {@code body} with String and Number attributes to the queue {@code queueArn} names, as a
   * rule's target, an invocation's destination or a dead-letter queue does: false when the region
   * has no such queue. Returns once the message is committed.
   */
  public boolean send(
      String queueArn, String body, Map<String, String> strings, Map<String, String> numbers) {
    Queue q = messages.queues().byArn(queueArn);
    if (q == null) {
      return false;
    }
    Map<String, MessageAttribute> typed = new java.util.LinkedHashMap<>();
    strings.forEach((k, v) -> typed.put(k, new MessageAttribute(v, null, "String")));
    numbers.forEach((k, v) -> typed.put(k, new MessageAttribute(v, null, "Number")));
    messages.send(q, List.of(new Messages.Outgoing(body, typed, null)));
    return true;
  }

  /**
   * Whether its store can write no more (a cluster's queues, whose connection broke or which
   * another node owns now).
   */
  public boolean broken() {
    return store.broken();
  }

  /** Whether a request is one of SQS's, in either protocol, from its head alone. */
  public static boolean claims(RequestHead head) {
    String target = head.target();
    return target != null ? target.startsWith(TARGET_PREFIX) : query(head) != null;
  }

  /** The region's queues as event source mappings read them. */
  public QueueConsumer consumer() {
    return new QueueConsumer(messages.queues(), messages);
  }

  /** The JSON 1.0 and query services, to be asked before Lambda's. */
  public List<Service> services() {
    return services;
  }

  private static final Map<String, BiFunction<Sqs, Call, Object>> HANDLERS =
      Map.ofEntries(
          Map.entry("CreateQueue", QueueOps::createQueue),
          Map.entry("DeleteQueue", QueueOps::deleteQueue),
          Map.entry("ListQueues", QueueOps::listQueues),
          Map.entry("GetQueueUrl", QueueOps::getQueueUrl),
          Map.entry("GetQueueAttributes", QueueOps::getQueueAttributes),
          Map.entry("SetQueueAttributes", QueueOps::setQueueAttributes),
          Map.entry("PurgeQueue", QueueOps::purgeQueue),
          Map.entry("TagQueue", QueueOps::tagQueue),
          Map.entry("UntagQueue", QueueOps::untagQueue),
          Map.entry("ListQueueTags", QueueOps::listQueueTags),
          Map.entry("ListDeadLetterSourceQueues", QueueOps::listDeadLetterSourceQueues),
          Map.entry("SendMessage", MessageOps::sendMessage),
          Map.entry("SendMessageBatch", BatchOps::sendMessageBatch),
          Map.entry("ReceiveMessage", MessageOps::receiveMessage),
          Map.entry("DeleteMessage", MessageOps::deleteMessage),
          Map.entry("DeleteMessageBatch", BatchOps::deleteMessageBatch),
          Map.entry("ChangeMessageVisibility", MessageOps::changeMessageVisibility),
          Map.entry("ChangeMessageVisibilityBatch", BatchOps::changeMessageVisibilityBatch),
          Map.entry("StartMessageMoveTask", MoveOps::startMessageMoveTask),
          Map.entry("ListMessageMoveTasks", MoveOps::listMessageMoveTasks),
          Map.entry("CancelMessageMoveTask", MoveOps::cancelMessageMoveTask));

  static List<Service> services(Sqs sqs) {
    return services(h -> operation(sqs, h), sqs.queues().region(), sqs.queues().account());
  }

  /**
   * SQS's services for a node that cannot reach the queues' owner: every operation answers {@code
   * ServiceUnavailable} (503, which SDKs retry) with {@code message}.
   */
  public static List<Service> unavailable(String region, String account, String message) {
    return services(
        h ->
            call -> {
              throw SqsError.SERVICE_UNAVAILABLE.with(message);
            },
        region,
        account);
  }

  private static List<Service> services(
      java.util.function.Function<BiFunction<Sqs, Call, Object>, Operation> operation,
      String region,
      String account) {
    Map<String, Operation> ops =
        HANDLERS.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> operation.apply(e.getValue())));
    return List.of(
        service(
            "SQS (JSON 1.0)",
            new Protocol.AwsJson("1.0", true),
            ops,
            Service.byTarget(TARGET_PREFIX),
            region,
            account),
        service(
            "SQS (query)",
            new Protocol.AwsQuery(QueryReplies.NAMESPACE, true),
            ops,
            SqsService::query,
            region,
            account));
  }

  private static Operation operation(Sqs sqs, BiFunction<Sqs, Call, Object> handler) {
    return call -> {
      Object result = handler.apply(sqs, call);
      if (result instanceof java.util.concurrent.CompletableFuture<?> later) {
        return later.thenApply(r -> Wire.output(call, (Results) r));
      }
      return Wire.output(call, (Results) result);
    };
  }

  private static Service service(
      String name,
      Protocol protocol,
      Map<String, Operation> ops,
      java.util.function.Function<RequestHead, Service.Claim> claim,
      String region,
      String account) {
    return new Service(
        name,
        protocol,
        claim,
        ops,
        MAX_BODY,
        ERRORS,
        call -> List.of(new Access("sqs:" + call.operation(), resource(region, account, call))));
  }

  /** The queue's ARN for the operations on one queue, else {@code *}. */
  private static String resource(String region, String account, Call call) {
    Inputs.QueueUrlOnly named = null;
    try {
      named = Wire.input(call, Inputs.QueueUrlOnly.class);
    } catch (RuntimeException e) {
      // a malformed body: the operation refuses it
    }
    String name = null;
    if (named != null || QueueUrls.PATH.matcher(call.head().path()).matches()) {
      try {
        name = QueueUrls.name(named == null ? null : named.queueUrl(), call.head().path(), account);
      } catch (AwsException e) {
        // no queue named: the operation refuses it
      }
    }
    return name == null ? "*" : Queues.arn(region, account, name);
  }

  /**
   * A form without {@code X-Amz-Target} signed for {@code sqs} posted to the root, or one (unsigned
   * or signed for {@code sqs}) posted to a queue's path.
   */
  static Service.Claim query(RequestHead head) {
    if (!"POST".equals(head.method())
        || head.target() != null
        || !"application/x-www-form-urlencoded".equals(head.mediaType())) {
      return null;
    }
    String signedFor = RequestIdentity.of(head.header(), head.query()).service();
    boolean queuePath = head.path() != null && QueueUrls.PATH.matcher(head.path()).matches();
    if ("sqs".equals(signedFor) && ("/".equals(head.path()) || queuePath)) {
      return new Service.Claim.InBody();
    }
    return signedFor == null && queuePath ? new Service.Claim.InBody() : null;
  }

  private static final Service.Errors ERRORS =
      Service.Errors.of(
          SqsService::unknownOperation,
          (operation, limit) ->
              SqsError.INVALID_PARAMETER_VALUE.with(
                  "The request is larger than Outlet's SQS accepts (" + limit + " bytes)."),
          message -> SqsError.MALFORMED.with(message),
          requestId ->
              SqsError.INTERNAL.with(
                  "Outlet could not serve the request; see its log for " + requestId + "."),
          message ->
              new AwsException("com.amazonaws.sqs#AccessDenied", "AccessDenied", 403, message));

  private static AwsException unknownOperation(String name) {
    if (name.isEmpty()) {
      return SqsError.missing("Action");
    }
    return SqsError.INVALID_ACTION.with(
        "The action "
            + name
            + " is not valid for this endpoint (Outlet serves SQS standard and FIFO queues).");
  }

  @Override
  public void close() {
    messages.close();
    store.close();
  }
}
