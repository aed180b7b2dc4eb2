"""The root logger of Outlet's Python runtime, set up as AWS's runtime sets it up.

Text format (the default): ``[LEVEL]\\t2024-05-01T12:00:00.123Z\\t<request id>\\tmessage``, the root
logger left at Python's default level (WARNING) unless AWS_LAMBDA_LOG_LEVEL says otherwise. JSON
format (AWS_LAMBDA_LOG_FORMAT=JSON): one object per record with ``timestamp``, ``level``,
``message``, ``logger``, ``requestId`` and, for exceptions, ``stackTrace``, ``errorType``,
``errorMessage``, ``location``, then the record's extra attributes. Times are UTC.

Each record is written to stdout as one line: the newlines inside a record (a traceback, a
multi-line message) are written as ``\\r``, so that a log read line by line keeps it one event as
Lambda does. This module does not import ``logging``: ``configure`` gets the module, once the
function's code has imported it.
"""

import sys
import time

TEXT_FORMAT = "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"

# LogRecord attributes that are not extra fields of a JSON record
RESERVED = frozenset(
    (
        "name",
        "msg",
        "args",
        "levelname",
        "levelno",
        "pathname",
        "filename",
        "module",
        "exc_info",
        "exc_text",
        "stack_info",
        "lineno",
        "funcName",
        "created",
        "msecs",
        "relativeCreated",
        "thread",
        "threadName",
        "processName",
        "process",
        "aws_request_id",
        "tenant_id",
        "_frame_type",
    )
)

LEVELS = {
    "CRITICAL": 50,
    "FATAL": 50,
    "ERROR": 40,
    "WARN": 30,
    "WARNING": 30,
    "INFO": 20,
    "DEBUG": 10,
    "NOTSET": 0,
}

_json_encode = None


def json_encode(obj):
    global _json_encode
    if _json_encode is None:
        import json

        _json_encode = json.JSONEncoder(ensure_ascii=False, default=str).encode
    return _json_encode(obj)


def iso_millis(created):
    """``2024-05-01T12:00:00.123Z`` (UTC, milliseconds truncated)."""
    from datetime import datetime, timezone

    return datetime.fromtimestamp(created, tz=timezone.utc).strftime(DATE_FORMAT + ".%f")[:-3] + "Z"


def normalized_level(levelno):
    """Lambda's levels are multiples of 10 from 0 to 50."""
    return min(50, max(0, levelno)) // 10 * 10


def one_event(text):
    """A record as one line: inner newlines as ``\\r``, one final ``\\n``."""
    if text.endswith("\n"):
        text = text[:-1]
    if "\n" in text:
        text = text.replace("\r\n", "\r").replace("\n", "\r")
    return text + "\n"


def text_line(levelname, created, request_id, message):
    """What the text formatter writes for a record without exception."""
    msecs = int((created - int(created)) * 1000)
    return one_event(
        "[%s]\t%s.%03dZ\t%s\t%s\n"
        % (levelname, time.strftime(DATE_FORMAT, time.gmtime(created)), msecs, request_id, message)
    )


def json_fields(record, levelname):
    """The JSON log object of a LogRecord, in AWS's field order, without null fields."""
    exc = record.exc_info
    if exc and exc[0] is None:
        exc = None
    msg = record.msg
    if not (isinstance(msg, dict) and not record.args):
        msg = record.getMessage()
    result = {
        "timestamp": iso_millis(record.created),
        "level": levelname,
        "message": msg,
        "logger": record.name,
        "stackTrace": None,
        "errorType": None,
        "errorMessage": None,
        "requestId": getattr(record, "aws_request_id", None),
        "location": None,
    }
    if exc:
        import traceback

        result["stackTrace"] = traceback.format_tb(exc[2])
        result["errorType"] = exc[0].__name__
        result["errorMessage"] = str(exc[1])
        result["location"] = "%s:%s:%s" % (record.pathname, record.funcName, record.lineno)
    tenant_id = getattr(record, "tenant_id", None)
    if tenant_id is not None:
        result["tenantId"] = tenant_id
    for key, value in record.__dict__.items():
        if key not in RESERVED and key not in result:
            result[key] = value
    return {k: v for k, v in result.items() if v is not None}


def direct_log_line(levelname, message, request_id, json_logs, log_level, now=None):
    """The line a root-logger call would write, for when ``logging`` is not loaded (None when
    the configured level filters it out)."""
    threshold = LEVELS.get(log_level, 30) if log_level else 30
    if LEVELS[levelname] < threshold:
        return None
    created = time.time() if now is None else now
    if json_logs:
        return (
            json_encode(
                {
                    "timestamp": iso_millis(created),
                    "level": levelname,
                    "message": message,
                    "logger": "root",
                    "requestId": request_id or "",
                }
            )
            + "\n"
        )
    return text_line(levelname, created, request_id or "", message)


def make_classes(logging, state):
    """(handler class, filter class, JSON formatter class) bound to ``logging`` and ``state``."""

    class LambdaLoggerHandler(logging.Handler):
        def __init__(self, json_logs=False):
            logging.Handler.__init__(self)
            self.json_logs = json_logs

        def emit(self, record):
            try:
                text = self.format(record)
                sys.stdout.write(text if self.json_logs else one_event(text))
            except Exception:
                self.handleError(record)

    class LambdaLoggerFilter(logging.Filter):
        def filter(self, record):
            record.aws_request_id = state.request_id or ""
            record.tenant_id = state.tenant_id
            return True

    class JsonFormatter(logging.Formatter):
        def __init__(self):
            logging.Formatter.__init__(self, datefmt=DATE_FORMAT)

        def format(self, record):
            record.levelno = normalized_level(record.levelno)
            record.levelname = logging.getLevelName(record.levelno)
            return json_encode(json_fields(record, record.levelname)) + "\n"

    return LambdaLoggerHandler, LambdaLoggerFilter, JsonFormatter


def configure(logging, state):
    """Adds Lambda's handler to the root logger (and its level, when one is configured)."""
    logging.Formatter.converter = time.gmtime
    handler_class, filter_class, json_formatter = make_classes(logging, state)
    handler = handler_class(state.json_logs)
    if state.json_logs:
        handler.setFormatter(json_formatter())
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT, DATE_FORMAT))
    root = logging.getLogger()
    if state.log_level in LEVELS:
        root.setLevel(state.log_level)
    handler.addFilter(filter_class())
    root.addHandler(handler)
    return handler
