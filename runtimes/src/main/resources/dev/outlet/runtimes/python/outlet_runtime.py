"""Outlet's Python runtime: AWS Lambda's Python managed runtime, on the standard library.

Started as ``python3.X /var/runtime/bootstrap.py`` in /var/task with Lambda's environment. This
module does what comes before the first event: it sets up stdout and stderr, ``sys.path`` and the
logging hook, loads the handler named by ``_HANDLER`` (or reports the init error), and sends the
first ``GET /next``. The invoke loop (``outlet_invoke``: the Runtime API client, the context,
JSON) is imported only then, while Outlet prepares the event, and error shaping
(``outlet_faults``) and the logging setup (``outlet_logconf``) only when needed: Outlet shows
/var/runtime read-only, so whatever Python has to compile here is compiled on every cold start.

``logging`` itself is not imported by the runtime: the root logger is configured as AWS
configures it at the moment the function's code imports ``logging`` (an import hook), which saves
its import time on every cold start.
"""

import os
import sys

API_VERSION = "2018-06-01"
USER_AGENT = "aws-lambda-python/%d.%d.%d-outlet" % sys.version_info[:3]
LAMBDA_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code."
    " However, in rare cases, a Lambda runtime update can cause unexpected function behavior."
    " For functions using managed runtimes, runtime updates can be triggered by a function change,"
    " or can be applied automatically. To determine if the runtime has been updated, check the"
    " runtime version in the INIT_START log entry. If this error correlates with a change in the"
    " runtime version, you may be able to mitigate this error by temporarily rolling back to the"
    " previous runtime version. For more information, see"
    " https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html"
)

_RUNTIME_DIR = os.path.dirname(os.path.abspath(__file__))


class _State(object):
    """What the log records of the current invocation carry (read by outlet_logconf)."""

    request_id = None
    tenant_id = None
    json_logs = False
    log_level = ""
    logging_ready = False


STATE = _State()


class Fault(Exception):
    """An error the runtime reports with one of Lambda's ``Runtime.*`` types."""

    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

    def __init__(self, error_type, message, trace=None):
        Exception.__init__(self, message)
        self.error_type = error_type
        self.message = message
        self.trace = trace


# ---------------------------------------------------------------------------------------------
# The handler


def split_handler(handler):
    """``mod.sub.fn`` / ``dir/mod.fn`` -> (module name as written, function name)."""
    try:
        module, function = handler.rsplit(".", 1)
    except ValueError as e:
        raise Fault(Fault.MALFORMED_HANDLER_NAME, "Bad handler '%s': %s" % (handler, e))
    return module, function


def load_handler(handler):
    """Imports the handler's module (``/`` read as ``.``) and returns the function."""
    import importlib

    module_name, function = split_handler(handler)
    try:
        if module_name.split(".")[0] in sys.builtin_module_names:
            raise Fault(
                Fault.BUILT_IN_MODULE_CONFLICT,
                "Cannot use built-in module %s as a handler module" % module_name,
            )
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        raise Fault(
            Fault.IMPORT_MODULE_ERROR, "Unable to import module '%s': %s" % (module_name, e)
        )
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise Fault(
            Fault.USER_CODE_SYNTAX_ERROR,
            "Syntax error in module '%s': %s" % (module_name, e),
            trace,
        )
    try:
        return getattr(module, function)
    except AttributeError:
        raise Fault(
            Fault.HANDLER_NOT_FOUND,
            "Handler '%s' missing on module '%s'" % (function, module_name),
        )


# ---------------------------------------------------------------------------------------------
# Process setup


def prepare_stdio():
    """Every complete line reaches the pipe as it is written (and everything is flushed before a
    result is posted), whatever stdout and stderr are connected to."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(line_buffering=True)
        except Exception:
            pass


def flush_stdio():
    seen = []
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        if stream is None or any(stream is s for s in seen):
            continue
        seen.append(stream)
        try:
            stream.flush()
        except Exception:
            pass


def build_sys_path(path, task_root, runtime_dir, version, drop=()):
    """Lambda's order: the code, the layers, the runtime, then the interpreter's own folders."""
    front = [
        task_root,
        "/opt/python/lib/python%d.%d/site-packages" % version,
        "/opt/python",
        runtime_dir,
    ]
    skip = set(front)
    skip.update(drop)
    return front + [p for p in path if p not in skip]


def log_level_from_env(value):
    """AWS_LAMBDA_LOG_LEVEL as the root logger's level name ('' when unset; TRACE is DEBUG)."""
    return {None: "", "TRACE": "DEBUG"}.get(value, value).upper()


class LoggingWatcher(object):
    """A meta path finder that lets ``logging`` load normally, then configures the root logger
    before the importing code gets it back."""

    def find_spec(self, name, path=None, target=None):
        if name != "logging":
            return None
        try:
            sys.meta_path.remove(self)
        except ValueError:
            pass
        spec = None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if find is not None:
                spec = find(name, path, target)
                if spec is not None:
                    break
        loader = getattr(spec, "loader", None)
        if loader is None or isinstance(loader, type) or not hasattr(loader, "exec_module"):
            return spec  # configured after the import, by the invoke loop's check
        original = loader.exec_module

        def exec_module(module):
            # a loader may serve several modules (a zipimporter): only logging is configured
            if getattr(module, "__name__", None) != "logging":
                return original(module)
            try:
                original(module)
            finally:
                if loader.__dict__.get("exec_module") is exec_module:
                    del loader.exec_module
            configure_logging(module)

        loader.exec_module = exec_module
        return spec


def configure_logging(logging_module=None):
    if STATE.logging_ready:
        return
    STATE.logging_ready = True
    import outlet_logconf

    outlet_logconf.configure(logging_module or sys.modules["logging"], STATE)


def watch_logging():
    if "logging" in sys.modules:
        configure_logging()
    else:
        sys.meta_path.insert(0, LoggingWatcher())


def emit_warning(message, now=None):
    """``logging.warning(message)`` on the root logger as AWS sets it up, without importing
    logging when the function has not."""
    if STATE.logging_ready or "logging" in sys.modules:
        configure_logging()
        sys.modules["logging"].warning(message)
        return
    import outlet_logconf

    line = outlet_logconf.direct_log_line(
        "WARNING", message, STATE.request_id, STATE.json_logs, STATE.log_level, now
    )
    if line is not None:
        sys.stdout.write(line)



def declared_version(execution_env=None):
    """(3, 12) for AWS_Lambda_python3.12; the interpreter's version when that says nothing."""
    env = os.environ.get("AWS_EXECUTION_ENV", "") if execution_env is None else execution_env
    prefix = "AWS_Lambda_python"
    if env.startswith(prefix):
        try:
            major, minor = env[len(prefix) :].split(".")[:2]
            return int(major), int(minor)
        except ValueError:
            pass
    return sys.version_info[:2]


def runtime_frame(filename):
    """Whether a traceback frame is the runtime's own (not shown in stack traces)."""
    return os.path.dirname(os.path.abspath(filename)) == _RUNTIME_DIR


# ---------------------------------------------------------------------------------------------
# The Runtime API connection (the client itself is outlet_invoke.RuntimeApiClient)


def parse_address(address):
    """``host:port`` of AWS_LAMBDA_RUNTIME_API -> (address family, (host, port))."""
    import _socket

    host, _, port = address.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    family = _socket.AF_INET6 if ":" in host else _socket.AF_INET
    return family, (host or "127.0.0.1", int(port))


def common_headers(address):
    return ("Host: %s\r\nUser-Agent: %s\r\n" % (address, USER_AGENT)).encode("latin-1")


def next_request(address):
    return (
        ("GET /%s/runtime/invocation/next HTTP/1.1\r\n" % API_VERSION).encode("latin-1")
        + common_headers(address)
        + b"\r\n"
    )


def connect(address):
    """A connected socket (TCP_NODELAY) to the Runtime API."""
    import _socket

    family, target = parse_address(address)
    s = _socket.socket(family, _socket.SOCK_STREAM)
    try:
        s.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
        s.connect(target)
    except BaseException:
        s.close()
        raise
    return s


def send_first_next(address):
    """Connects and sends the first ``GET /next`` without waiting for the answer; None if that
    failed (the client then tries again and reports)."""
    try:
        s = connect(address)
    except OSError:
        return None
    try:
        s.sendall(next_request(address))
    except OSError:
        s.close()
        return None
    return s


# ---------------------------------------------------------------------------------------------
# Start


def main():
    env = os.environ
    prepare_stdio()
    try:  # as Lambda: SIGTERM ends the process unless the function's code handles it
        import _signal

        _signal.signal(_signal.SIGTERM, _signal.SIG_DFL)
    except Exception:
        pass
    task_root = env.get("LAMBDA_TASK_ROOT", "/var/task")
    runtime_dir = env.get("LAMBDA_RUNTIME_DIR", "/var/runtime")
    sys.path[:] = build_sys_path(
        sys.path, task_root, runtime_dir, declared_version(), (_RUNTIME_DIR,)
    )
    STATE.json_logs = (env.get("AWS_LAMBDA_LOG_FORMAT") or "").upper() == "JSON"
    STATE.log_level = log_level_from_env(env.get("AWS_LAMBDA_LOG_LEVEL"))
    watch_logging()
    import outlet_sdk

    outlet_sdk.install(env)
    address = env["AWS_LAMBDA_RUNTIME_API"]

    try:
        handler = load_handler(env.get("_HANDLER", ""))
    except Exception:
        import outlet_invoke

        outlet_invoke.fail_init(address, sys.exc_info())

    # Ask for the first event, then load the loop (and json) while Outlet prepares it.
    first = send_first_next(address)
    import outlet_invoke

    outlet_invoke.run(address, first, handler)
