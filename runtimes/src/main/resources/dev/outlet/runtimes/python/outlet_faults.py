"""Error shaping for Outlet's Python runtime, as AWS's runtime interface client shapes errors.

Imported only when something fails. The error object posted to the Runtime API (and returned to
the caller) is ``{"errorMessage", "errorType", "requestId", "stackTrace"}``; the log gets the
same error as one record: ``[ERROR] Type: message`` then ``Traceback (most recent call last):``
and the frames, lines separated by ``\\r`` (one log event in a pipe read line by line) and frame
indentation in no-break spaces, or the error object as one JSON line in the JSON log format.
"""

import json
import time
import traceback

LINE_SEPARATOR = "\r"
INDENT = "\u00a0"  # NO-BREAK SPACE: what AWS indents traceback lines with in the log
MAX_XRAY_CAUSE = 1024 * 1024


def make_error(message, error_type, stack_trace, request_id=None):
    return {
        "errorMessage": message if message else "",
        "errorType": error_type if error_type else "",
        "requestId": request_id if request_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def frames_of(tb):
    """(file, line, function, source) of each frame of a traceback."""
    return [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(tb)]


def user_frames(frames, is_runtime_frame):
    """Without the runtime's own frames at the top (all of them if none is the user's)."""
    for i, frame in enumerate(frames):
        if not is_runtime_frame(frame[0]):
            return frames[i:]
    return frames


def error_from_exception(exc_info, request_id, is_runtime_frame, with_frames=False):
    """The error object of an exception raised by the function's code."""
    etype, value, tb = exc_info
    frames = user_frames(frames_of(tb), is_runtime_frame)
    error = make_error(str(value), etype.__name__, traceback.format_list(frames), request_id)
    return (error, frames) if with_frames else error


def xray_cause(error_type, message, working_directory, frames):
    """The X-Ray error cause sent along an invocation error."""
    stack = []
    paths = []
    for path, line, label, _ in frames:
        stack.append({"label": label, "path": path, "line": line})
        if path not in paths:
            paths.append(path)
    return {
        "working_directory": working_directory,
        "exceptions": [{"message": message, "type": error_type, "stack": stack}],
        "paths": paths,
    }


def header_value(cause):
    """The cause as a header value: JSON in ASCII, left out from 1 MiB on."""
    value = json.dumps(cause).encode("ascii")
    return value if len(value) < MAX_XRAY_CAUSE else b""


def _indented(line):
    stripped = line.lstrip(" ")
    return INDENT * (len(line) - len(stripped)) + stripped


def text_error_lines(error):
    """The lines of the text log record of an error."""
    description = "[ERROR]"
    error_type = error.get("errorType")
    if error_type:
        description += " " + error_type
    message = error.get("errorMessage")
    if message:
        if error_type:
            description += ":"
        description += " " + message
    lines = [description]
    stack = error.get("stackTrace")
    if stack is not None:
        lines.append("Traceback (most recent call last):")
        for element in stack:
            if element == "":
                lines.append("")
            else:
                lines.extend(_indented(line) for line in element.splitlines())
    return lines


def error_log_record(error, json_logs, dumps, now=None):
    """The error as the runtime writes it to the log: one line, ``\\n``-terminated."""
    if json_logs:
        record = {
            "timestamp": time.strftime(
                "%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() if now is None else now)
            ),
            "level": "ERROR",
        }
        record.update(error)
        return dumps(record) + "\n"
    text = LINE_SEPARATOR.join(text_error_lines(error))
    return text.replace("\r\n", LINE_SEPARATOR).replace("\n", LINE_SEPARATOR) + "\n"
