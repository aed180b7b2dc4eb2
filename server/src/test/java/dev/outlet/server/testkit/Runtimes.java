package dev.outlet.server.testkit;

/**
 * Tiny custom runtimes as POSIX sh + curl scripts, the way the Lambda docs' bash runtime works:
 * {@code GET /next} with the headers dumped to a file, the request id read from them
 * case-insensitively, then a {@code POST} to {@code .../invocation/$ID/response} (or {@code
 * /error}). Scripts keep their files in {@code $TMPDIR} (Outlet's per-sandbox scratch) or in /tmp
 * when the sandbox has a private one. A sandboxed runtime sees neither the test's files nor its
 * processes: it reports to the test over HTTP ({@link Recorder}) or in its response.
 */
public final class Runtimes {
  private Runtimes() {}

  /**
   * Shared functions: {@code next}, {@code respond TEXT}, {@code respond_file FILE}, {@code fail
   * BODY TYPE}. {@code $PROCESS_ID} is a random id of this runtime process (its {@code $$} is not
   * unique when sandboxes have their own PID namespace).
   */
  static final String PRELUDE =
      """
      #!/bin/sh
      API="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime"
      WORK="${TMPDIR:-/tmp}/outlet-runtime.$$"
      mkdir -p "$WORK"
      PROCESS_ID=$(cat /proc/sys/kernel/random/uuid)
      next() {
        curl -sS -D "$WORK/headers" -o "$WORK/event" "$API/invocation/next" || exit 1
        REQUEST_ID=$(grep -i '^lambda-runtime-aws-request-id:' "$WORK/headers" | cut -d: -f2 | tr -d ' \\r')
      }
      respond_file() {
        curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' \\
          --data-binary "@$1" "$API/invocation/$REQUEST_ID/response"
      }
      respond() {
        printf '%s' "$1" > "$WORK/response"
        respond_file "$WORK/response"
      }
      fail() {
        printf '%s' "$1" > "$WORK/error"
        curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' \\
          -H "Lambda-Runtime-Function-Error-Type: $2" \\
          --data-binary "@$WORK/error" "$API/invocation/$REQUEST_ID/error"
      }
      """;

  /** A runtime: the shared functions ({@link #PRELUDE}) followed by {@code body}. */
  public static String script(String body) {
    return PRELUDE + body;
  }

  /** Returns the event bytes verbatim, and prints one line per invocation. */
  public static String echo() {
    return script(
        """
        while true; do
          next
          echo "echo runtime handling $REQUEST_ID"
          respond_file "$WORK/event"
        done
        """);
  }

  /**
   * Returns {@code {"process":"<uuid>","count":N,"stream":"...","tmp":"..."}}: the runtime
   * process's random id, how many invocations it served, its sandbox's log stream and TMPDIR.
   * Sleeps {@code $SLEEP_SECONDS} (if set) before answering.
   */
  public static String identity() {
    return script(
        """
        COUNT=0
        while true; do
          next
          COUNT=$((COUNT + 1))
          if [ -n "${SLEEP_SECONDS:-}" ]; then sleep "$SLEEP_SECONDS"; fi
          respond "{\\"process\\":\\"$PROCESS_ID\\",\\"count\\":$COUNT,\\"stream\\":\\"$AWS_LAMBDA_LOG_STREAM_NAME\\",\\"tmp\\":\\"${TMPDIR:-}\\"}"
        done
        """);
  }

  /**
   * Returns {@code {"label":"<label>","process":"<uuid>","stream":"..."}}: tells one package's code
   * from another's.
   */
  public static String labelled(String label) {
    return script(
        """
        while true; do
          next
          respond "{\\"label\\":\\"%s\\",\\"process\\":\\"$PROCESS_ID\\",\\"stream\\":\\"$AWS_LAMBDA_LOG_STREAM_NAME\\"}"
        done
        """
            .formatted(label));
  }

  /**
   * Exits with status 3 when the event contains "crash"; otherwise returns {@code
   * {"process":"<uuid>","stream":"..."}}.
   */
  public static String crashOnDemand() {
    return script(
        """
        while true; do
          next
          if grep -q crash "$WORK/event"; then
            echo "crashing as asked"
            exit 3
          fi
          respond "{\\"process\\":\\"$PROCESS_ID\\",\\"stream\\":\\"$AWS_LAMBDA_LOG_STREAM_NAME\\"}"
        done
        """);
  }

  /**
   * Never answers: prints {@code stream=<log stream>}, then starts a helper shell whose child
   * {@code sleep 600.$MARKER} (a grandchild of the runtime, with the numeric marker in its
   * arguments) runs until killed.
   */
  public static String hang() {
    return script(
        """
        while true; do
          next
          echo "stream=$AWS_LAMBDA_LOG_STREAM_NAME"
          sh -c 'sleep "600.$1" & wait' helper "$MARKER" &
          wait
        done
        """);
  }

  /** Reports an init failure to /runtime/init/error with {@code body}, then exits 1. */
  public static String initError(String body, String errorType) {
    return """
        #!/bin/sh
        echo "init: cannot start"
        printf '%%s' '%s' > "${TMPDIR:-/tmp}/init-error.$$"
        curl -sS -o /dev/null -X POST -H 'Lambda-Runtime-Function-Error-Type: %s' \\
          --data-binary "@${TMPDIR:-/tmp}/init-error.$$" \\
          "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/init/error"
        exit 1
        """
        .formatted(body, errorType);
  }

  /** Prints a line and exits with {@code status} without ever calling /next. */
  public static String exitBeforeNext(int status) {
    return """
        #!/bin/sh
        echo "leaving before the first /next"
        exit %d
        """
        .formatted(status);
  }

  /** Prints {@code $LINE_COUNT} numbered lines, then returns "printed". */
  public static String printLines() {
    return script(
        """
        while true; do
          next
          i=1
          while [ "$i" -le "$LINE_COUNT" ]; do
            echo "line $i of $LINE_COUNT"
            i=$((i + 1))
          done
          respond '"printed"'
        done
        """);
  }

  /** Returns a body of {@code bytes} letters 'x' (not JSON-quoted), made once at init. */
  public static String bigResponse(long bytes) {
    return script(
        """
        head -c %d /dev/zero | tr '\\0' 'x' > "$WORK/big"
        while true; do
          next
          respond_file "$WORK/big"
        done
        """
            .formatted(bytes));
  }

  /**
   * Returns {@code PWD_ACTUAL=<cwd>}, {@code TASK_ROOT_HAS_BOOTSTRAP=yes|no}, then the output of
   * {@code env}, one variable a line.
   */
  public static String envDump() {
    return script(
        """
        while true; do
          next
          {
            echo "PWD_ACTUAL=$(pwd)"
            if [ -x "$LAMBDA_TASK_ROOT/bootstrap" ]; then echo TASK_ROOT_HAS_BOOTSTRAP=yes; else echo TASK_ROOT_HAS_BOOTSTRAP=no; fi
            env
          } > "$WORK/env"
          respond_file "$WORK/env"
        done
        """);
  }

  /** Reports every invocation as a function error: POSTs {@code body} to .../error. */
  public static String error(String body, String errorType) {
    return script(
        """
        while true; do
          next
          fail '%s' '%s'
        done
        """
            .formatted(body, errorType));
  }

  /** POSTs each event to {@code $RECORDER_URL/event}, then returns "recorded". */
  public static String recordEvents() {
    return script(
        """
        while true; do
          next
          curl -sS -o /dev/null -X POST --data-binary "@$WORK/event" "$RECORDER_URL/event"
          respond '"recorded"'
        done
        """);
  }

  /** Returns {@code {"handler":"$_HANDLER","event":<event>}} (for a handler-named executable). */
  public static String handlerEcho() {
    return script(
        """
        while true; do
          next
          respond "{\\"handler\\":\\"$_HANDLER\\",\\"event\\":$(cat "$WORK/event")}"
        done
        """);
  }

  /**
   * POSTs its Runtime API address to {@code $RECORDER_URL/api} and never calls that API: the test
   * then plays the runtime over HTTP itself.
   */
  public static String silent() {
    return """
        #!/bin/sh
        printf '%s' "$AWS_LAMBDA_RUNTIME_API" | curl -sS -o /dev/null -X POST --data-binary @- "$RECORDER_URL/api"
        exec sleep 600
        """;
  }
}
