package dev.outlet.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outlet.edge.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The region's message move tasks ({@code StartMessageMoveTask}): each moves the messages a
 * dead-letter queue held when it started back to the queues they were dead-lettered from (or to one
 * destination), at most {@code MaxNumberOfMessagesPerSecond} a second, in steps on a timer.
 * Contract:
 *
 * <ol>
 *   <li>This object is the sole owner of the tasks and their states; every state change holds its
 *       lock, and only {@link Status#RUNNING} changes (to one of the others), once.
 *   <li>At most one task per source queue is running.
 *   <li>A step moves each message in one transaction with its removal from the source ({@link
 *       Messages#move}): a crash leaves it in one queue or the other, never both or none.
 *   <li>Tasks live in memory: after a restart none is listed or running (the messages not moved yet
 *       stay in the dead-letter queue).
 * </ol>
 *
 * Thread-safe.
 */
final class MoveTasks implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TICK_MILLIS = 100;
  private static final int UNLIMITED_PER_TICK = 100;
  private static final int KEPT_PER_SOURCE = 10;

  /** A task's states: RUNNING until it completes, is cancelled or fails. */
  enum Status {
    RUNNING,
    COMPLETED,
    CANCELLED,
    FAILED
  }

  /** A task as {@code ListMessageMoveTasks} shows it. */
  record View(
      String taskHandle,
      Status status,
      String sourceArn,
      String destinationArn,
      Integer rate,
      long moved,
      long toMove,
      String failureReason,
      long started) {}

  /** One task; its mutable fields are guarded by the owning {@link MoveTasks}. */
  private static final class Task {
    final String id;
    final String handle;
    final String sourceArn;
    final String destinationArn;
    final Integer rate;
    final long started;
    final long toMove;
    final Set<Long> wanted;
    final ReentrantLock stepping = new ReentrantLock();
    Status status = Status.RUNNING;
    long moved;
    double credit;
    String failure;
    ScheduledFuture<?> ticks;

    Task(String sourceArn, String destinationArn, Integer rate, long started, Set<Long> wanted) {
      this.id = UUID.randomUUID().toString();
      this.handle = handle(id, sourceArn);
      this.sourceArn = sourceArn;
      this.destinationArn = destinationArn;
      this.rate = rate;
      this.started = started;
      this.wanted = new HashSet<>(wanted);
      this.toMove = wanted.size();
    }
  }

  private final Messages messages;
  private final ScheduledExecutorService timers;
  private final Executor executor;
  private final Map<String, Deque<Task>> bySource = new HashMap<>();
  private final Map<String, Task> byId = new HashMap<>();

  MoveTasks(Messages messages, ScheduledExecutorService timers, Executor executor) {
    this.messages = messages;
    this.timers = timers;
    this.executor = executor;
  }

  /**
   * Starts moving the messages of dead-letter queue {@code source} (every source queue checked by
   * {@link MoveOps}) to {@code destinationArn}, or, when null, to where each came from; returns the
   * task's handle. {@code InvalidParameterValue} while another task of the source runs.
   */
  synchronized String start(Queue source, String destinationArn, Integer rate) {
    String sourceArn = messages.queues().arn(source.name());
    Deque<Task> tasks = bySource.computeIfAbsent(sourceArn, a -> new ArrayDeque<>());
    if (!tasks.isEmpty() && tasks.peekFirst().status == Status.RUNNING) {
      throw SqsError.INVALID_PARAMETER_VALUE.with(
          "There is already a task running. Only one active task is allowed for a source queue"
              + " arn at a given time.");
    }
    Task t =
        new Task(sourceArn, destinationArn, rate, messages.clock().millis(), source.state().seqs());
    tasks.addFirst(t);
    byId.put(t.id, t);
    while (tasks.size() > KEPT_PER_SOURCE) {
      byId.remove(tasks.removeLast().id);
    }
    t.ticks =
        timers.scheduleAtFixedRate(
            () -> executor.execute(() -> step(t)), 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return t.handle;
  }

  /** The most recent {@code max} tasks of source {@code sourceArn}, newest first. */
  synchronized List<View> list(String sourceArn, int max) {
    return bySource.getOrDefault(sourceArn, new ArrayDeque<>()).stream()
        .limit(max)
        .map(MoveTasks::view)
        .toList();
  }

  /**
   * Cancels the running task {@code handle} names; how many messages it moved. {@code
   * ResourceNotFoundException} for a handle of no running task.
   */
  synchronized long cancel(String handle) {
    Task t = byId.get(taskId(handle));
    if (t == null || t.status != Status.RUNNING) {
      throw SqsError.RESOURCE_NOT_FOUND.with("Task does not exist.");
    }
    end(t, Status.CANCELLED, null);
    return t.moved;
  }

  /** One step of {@code t}: moves what its rate allows now; ends it when nothing is left. */
  private void step(Task t) {
    if (!t.stepping.tryLock()) {
      return; // the previous step is still moving
    }
    try {
      int budget;
      Set<Long> wanted;
      synchronized (this) {
        if (t.status != Status.RUNNING) {
          return;
        }
        if (t.rate == null) {
          budget = UNLIMITED_PER_TICK;
        } else {
          t.credit += t.rate * TICK_MILLIS / 1000.0;
          budget = (int) Math.floor(t.credit);
          t.credit -= budget;
        }
        wanted = Set.copyOf(t.wanted);
      }
      Queue source = messages.queues().byArn(t.sourceArn);
      if (source == null) {
        fail(t, "AWS.SimpleQueueService.NonExistentQueue");
        return;
      }
      Set<Long> left = source.state().present(wanted);
      int moved = 0;
      if (budget > 0 && !left.isEmpty()) {
        try {
          moved = messages.move(source, left, budget, m -> destination(t, source, m));
        } catch (AwsException e) {
          fail(t, e.queryCode());
          return;
        }
        left = source.state().present(left);
      }
      synchronized (this) {
        t.moved += moved;
        t.wanted.retainAll(left);
        if (t.status == Status.RUNNING && t.wanted.isEmpty()) {
          end(t, Status.COMPLETED, null);
        }
      }
    } catch (RuntimeException e) {
      fail(t, "InternalError");
    } finally {
      t.stepping.unlock();
    }
  }

  /** Where message {@code m} of dead-letter queue {@code source} goes. */
  private Queue destination(Task t, Queue source, StoredMessage m) {
    Queues queues = messages.queues();
    if (t.destinationArn != null) {
      Queue to = queues.byArn(t.destinationArn);
      if (to == null) {
        throw SqsError.noQueue();
      }
      return to;
    }
    if (m.origin() != null) {
      return queues.get(m.origin());
    }
    List<String> sources = queues.sources(t.sourceArn);
    if (sources.size() != 1) {
      throw SqsError.noQueue(); // sent to the dead-letter queue directly: no way back
    }
    return queues.get(sources.get(0));
  }

  private synchronized void fail(Task t, String reason) {
    if (t.status == Status.RUNNING) {
      end(t, Status.FAILED, reason);
    }
  }

  /** The one transition of a task: RUNNING to {@code to}. */
  private void end(Task t, Status to, String failure) {
    if (t.status != Status.RUNNING || to == Status.RUNNING) {
      throw new IllegalStateException("move task " + t.id + ": " + t.status + " -> " + to);
    }
    t.status = to;
    t.failure = failure;
    if (t.ticks != null) {
      t.ticks.cancel(false);
    }
  }

  private static View view(Task t) {
    return new View(
        t.status == Status.RUNNING ? t.handle : null,
        t.status,
        t.sourceArn,
        t.destinationArn,
        t.rate,
        t.moved,
        t.toMove,
        t.failure,
        t.started);
  }

  /** A task's handle as AWS writes it: base64 of {@code {"taskId":...,"sourceArn":...}}. */
  static String handle(String id, String sourceArn) {
    String json = JSON.createObjectNode().put("taskId", id).put("sourceArn", sourceArn).toString();
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The task id {@code handle} holds; {@code ResourceNotFoundException} when it holds none. */
  static String taskId(String handle) {
    if (handle == null || handle.isEmpty()) {
      throw SqsError.missing("TaskHandle");
    }
    try {
      JsonNode tree =
          JSON.readTree(new String(Base64.getDecoder().decode(handle), StandardCharsets.UTF_8));
      JsonNode id = tree == null ? null : tree.get("taskId");
      if (id != null && id.isTextual()) {
        return id.asText();
      }
    } catch (java.io.IOException | IllegalArgumentException e) {
      // not base64 or not JSON: refused below
    }
    throw SqsError.RESOURCE_NOT_FOUND.with("Task does not exist.");
  }

  @Override
  public synchronized void close() {
    for (Task t : byId.values()) {
      if (t.ticks != null) {
        t.ticks.cancel(false);
      }
    }
  }
}
