"""The invoke loop of Outlet's Python runtime: the Runtime API client (HTTP/1.1 on ``_socket``,
one kept-alive connection), the ``context`` object, events and results as JSON, and the loop that
calls the handler and posts what it returns or raises, as AWS's runtime interface client does.

Imported by ``outlet_runtime`` once the handler is loaded and the first ``GET /next`` is sent.
"""

import os
import sys
import time

import outlet_runtime as rt

# ---------------------------------------------------------------------------------------------
# The context object


class CognitoIdentity(object):
    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")

    def __init__(self, cognito_identity_id=None, cognito_identity_pool_id=None):
        self.cognito_identity_id = cognito_identity_id
        self.cognito_identity_pool_id = cognito_identity_pool_id

    def __repr__(self):
        return "CognitoIdentity([cognito_identity_id=%s,cognito_identity_pool_id=%s])" % (
            self.cognito_identity_id,
            self.cognito_identity_pool_id,
        )


class Client(object):
    __slots__ = (
        "installation_id",
        "app_title",
        "app_version_name",
        "app_version_code",
        "app_package_name",
    )

    def __repr__(self):
        return (
            "Client([installation_id=%s,app_title=%s,app_version_name=%s,app_version_code=%s,"
            "app_package_name=%s])"
            % tuple(getattr(self, f) for f in Client.__slots__)
        )


class ClientContext(object):
    __slots__ = ("custom", "env", "client")

    def __repr__(self):
        return "ClientContext([custom=%s,env=%s,client=%s])" % (self.custom, self.env, self.client)


def _from_dict(cls, values):
    if values is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, values.get(field, None))
    return obj


_W3C_FIELDS = ("traceparent", "tracestate", "baggage")


class LambdaContext(object):
    """The ``context`` argument: the invocation's and the function's properties."""

    def __init__(
        self,
        invoke_id,
        client_context,
        cognito_identity,
        epoch_deadline_time_in_ms,
        invoked_function_arn=None,
        tenant_id=None,
    ):
        env = os.environ
        self.aws_request_id = invoke_id
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.tenant_id = tenant_id
        w3c = {}
        if isinstance(client_context, dict) and "w3c" in client_context:
            raw = client_context.pop("w3c")
            if isinstance(raw, dict):
                for key in _W3C_FIELDS:
                    if isinstance(raw.get(key), str):
                        w3c[key] = raw[key]
        self._w3c_fields = w3c
        self.client_context = _from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = _from_dict(Client, self.client_context.client)
        self.identity = CognitoIdentity()
        if cognito_identity is not None:
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")
        self._epoch_deadline_time_in_ms = epoch_deadline_time_in_ms

    def get_remaining_time_in_millis(self):
        remaining = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def w3c(self):
        return dict(self._w3c_fields)

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return (
            "LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,"
            "function_name=%s,memory_limit_in_mb=%s,function_version=%s,"
            "invoked_function_arn=%s,client_context=%s,identity=%s,tenant_id=%s])"
            % (
                self.aws_request_id,
                self.log_group_name,
                self.log_stream_name,
                self.function_name,
                self.memory_limit_in_mb,
                self.function_version,
                self.invoked_function_arn,
                self.client_context,
                self.identity,
                self.tenant_id,
            )
        )


def _json_header(loads, value, name):
    try:
        return loads(value)
    except Exception as e:
        raise rt.Fault(
            rt.Fault.LAMBDA_CONTEXT_UNMARSHAL_ERROR, "Unable to parse %s JSON: %s" % (name, e)
        )


def make_context(headers, loads):
    """The context of the invocation whose ``GET /next`` headers (lower-case names) are given."""
    client_context = headers.get("lambda-runtime-client-context")
    client_context = _json_header(loads, client_context, "Client Context") if client_context else None
    identity = headers.get("lambda-runtime-cognito-identity")
    identity = _json_header(loads, identity, "Cognito Identity") if identity else None
    try:
        deadline = int(headers.get("lambda-runtime-deadline-ms") or 0)
    except ValueError:
        deadline = 0
    return LambdaContext(
        headers.get("lambda-runtime-aws-request-id"),
        client_context,
        identity,
        deadline,
        headers.get("lambda-runtime-invoked-function-arn"),
        headers.get("lambda-runtime-aws-tenant-id"),
    )


# ---------------------------------------------------------------------------------------------
# JSON, as AWS's marshaller writes it (simplejson there: Decimal written as its number text, NaN
# decimals as NaN, bytes inside a result decoded as UTF-8; non-ASCII escaped up to python3.11)

_RAW_MARK = "\x00outlet-decimal-%s\x00" % os.urandom(6).hex()
_RAW_MARK_JSON = '"%s"' % _RAW_MARK.replace("\x00", "\\u0000")


def make_marshaller(execution_env=None):
    """(loads, dumps) for events and results; ``dumps`` raises for what JSON cannot hold."""
    import json

    ensure_ascii = rt.declared_version(execution_env) < (3, 12)
    base = json.JSONEncoder
    base_default = base.default

    class ResultEncoder(base):
        def __init__(self):
            base.__init__(self, ensure_ascii=ensure_ascii)
            self.raw = None

        def default(self, o):
            decimal = sys.modules.get("decimal")
            if decimal is not None and isinstance(o, decimal.Decimal):
                if o.is_nan():
                    return float("nan")
                if self.raw is None:
                    self.raw = []
                self.raw.append(str(o))
                return _RAW_MARK
            if isinstance(o, bytes):
                return o.decode("utf-8")
            return base_default(self, o)

    def dumps(obj):
        encoder = ResultEncoder()
        text = encoder.encode(obj)
        raw = encoder.raw
        if raw:
            parts = text.split(_RAW_MARK_JSON)
            out = [parts[0]]
            for value, part in zip(raw, parts[1:]):
                out.append(value)
                out.append(part)
            text = "".join(out)
        return text

    return json.loads, dumps


# ---------------------------------------------------------------------------------------------
# The Runtime API client: HTTP/1.1 on one kept-alive connection


class RuntimeApiError(Exception):
    pass


class RuntimeApiClient(object):
    def __init__(self, address, sock=None):
        """``sock``: a connection on which a ``GET /next`` was sent already (see
        ``outlet_runtime.send_first_next``); ``receive_next`` reads its answer."""
        self.address = address
        self._sock = sock
        self._buf = bytearray()
        self._common = rt.common_headers(address)
        self._base = ("/%s/runtime/" % rt.API_VERSION).encode("latin-1")
        self._next = rt.next_request(address)

    def close(self):
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass
            self._sock = None
        del self._buf[:]

    def _send(self, head, body):
        if self._sock is None:
            self._sock = rt.connect(self.address)
        if body is None:
            self._sock.sendall(head)
        elif len(body) <= 65536:
            self._sock.sendall(head + body)
        else:
            self._sock.sendall(head)
            try:
                self._sock.sendall(body)
            except OSError:
                pass  # the server may have answered early (413) and stopped reading: read it

    def _recv(self):
        data = self._sock.recv(65536)
        if not data:
            raise ConnectionError("the Runtime API closed the connection")
        self._buf += data

    def _response(self):
        """Reads one response: (status, headers with lower-case names, body)."""
        buf = self._buf
        end = buf.find(b"\r\n\r\n")
        while end < 0:
            start = len(buf) - 3 if len(buf) > 3 else 0
            self._recv()
            end = buf.find(b"\r\n\r\n", start)
        lines = bytes(buf[:end]).decode("utf-8", "replace").split("\r\n")
        del buf[: end + 4]
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            if sep:
                headers[name.strip().lower()] = value.strip()
        if "chunked" in headers.get("transfer-encoding", "").lower():
            body = self._chunked()
        elif "content-length" in headers:
            body = self._exactly(int(headers["content-length"]))
        elif status in (204, 304):
            body = b""
        else:  # delimited by the end of the connection
            try:
                while True:
                    self._recv()
            except ConnectionError:
                pass
            body = bytes(buf)
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def _exactly(self, n):
        buf = self._buf
        if len(buf) >= n:
            body = bytes(buf[:n])
            del buf[:n]
            return body
        body = bytearray(n)
        have = len(buf)
        body[:have] = buf
        del buf[:]
        view = memoryview(body)
        recv_into = self._sock.recv_into
        while have < n:
            got = recv_into(view[have:])
            if not got:
                raise ConnectionError("the Runtime API closed the connection")
            have += got
        return body

    def _line(self):
        buf = self._buf
        end = buf.find(b"\r\n")
        while end < 0:
            self._recv()
            end = buf.find(b"\r\n")
        line = bytes(buf[:end])
        del buf[: end + 2]
        return line

    def _chunked(self):
        parts = []
        while True:
            size = int(self._line().split(b";", 1)[0].strip(), 16)
            if size == 0:
                while self._line():  # trailers
                    pass
                return b"".join(parts)
            parts.append(self._exactly(size))
            self._line()

    def _exchange(self, head, body=None):
        """Sends one request and reads its response, once more on a fresh connection when a
        kept-alive one turns out closed before any of the response arrived."""
        for attempt in (0, 1):
            fresh = self._sock is None
            try:
                self._send(head, body)
                return self._response()
            except OSError as e:
                partial = len(self._buf) > 0
                self.close()
                if fresh or partial or attempt:
                    raise RuntimeApiError(
                        "Failed to send HTTP request to %s: %s" % (self.address, e)
                    )

    # -- the 2018-06-01 API

    def send_next(self):
        """Asks for the next event without waiting for it (see ``receive_next``)."""
        try:
            self._send(self._next, None)
        except OSError:
            self.close()

    def receive_next(self):
        """The answer to ``send_next``: (headers, body)."""
        try:
            if self._sock is None:
                raise ConnectionError("not sent")
            status, headers, body = self._response()
        except OSError:
            self.close()
            status, headers, body = self._exchange(self._next)
        if status != 200:
            raise RuntimeApiError(
                "Failed to get next invocation. Http Response code: %d. %s"
                % (status, bytes(body).decode("utf-8", "replace"))
            )
        if not headers.get("lambda-runtime-aws-request-id"):
            raise RuntimeApiError(
                "Failed to find header Lambda-Runtime-Aws-Request-Id in response"
            )
        return headers, body

    def next(self):
        self.send_next()
        return self.receive_next()

    def _post(self, path, body, headers=b""):
        head = b"".join(
            (
                b"POST ",
                self._base,
                path,
                b" HTTP/1.1\r\n",
                self._common,
                headers,
                b"Content-Length: %d\r\n\r\n" % len(body),
            )
        )
        status, _, answer = self._exchange(head, body)
        if not 200 <= status < 300:
            raise RuntimeApiError(
                "Failed to post handler success response. Http response code: %d. %s"
                % (status, bytes(answer).decode("utf-8", "replace"))
            )
        return status

    def post_result(self, request_id, body, content_type):
        return self._post(
            b"invocation/" + request_id.encode("utf-8") + b"/response",
            body,
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n",
        )

    def post_error(self, request_id, body, xray_cause):
        headers = b"Content-Type: application/json\r\n"
        if xray_cause:
            headers += b"Lambda-Runtime-Function-XRay-Error-Cause: " + xray_cause + b"\r\n"
        return self._post(b"invocation/" + request_id.encode("utf-8") + b"/error", body, headers)

    def post_init_error(self, body, error_type):
        return self._post(
            b"init/error",
            body,
            b"Lambda-Runtime-Function-Error-Type: " + error_type.encode("utf-8") + b"\r\n",
        )


# ---------------------------------------------------------------------------------------------
# The loop


def fail_init(address, exc_info):
    """Reports an init error as AWS's client does (the warning, the error record, then
    ``POST /runtime/init/error`` with the error type as header) and ends the process (exit 1)."""
    import outlet_faults

    dumps = make_marshaller()[1]
    exc = exc_info[1]
    if isinstance(exc, rt.Fault):
        error = outlet_faults.make_error(exc.message, exc.error_type, exc.trace)
    else:
        error = outlet_faults.error_from_exception(exc_info, None, rt.runtime_frame)
    rt.emit_warning(rt.LAMBDA_WARNING)
    sys.stdout.write(outlet_faults.error_log_record(error, rt.STATE.json_logs, dumps))
    rt.flush_stdio()
    client = RuntimeApiClient(address)
    client.post_init_error(dumps(error).encode("utf-8", "backslashreplace"), error["errorType"])
    sys.exit(1)


def _runtime_failure(message):
    """A failed Runtime API call, logged as AWS's client logs it."""
    rt.flush_stdio()
    sys.stdout.write("[ERROR] [%d] LAMBDA_RUNTIME %s\n" % (int(time.time() * 1000), message))
    sys.stdout.flush()


def run(address, first, handler):
    """Serves events until the process ends. ``first``: the connection the first ``GET /next``
    was sent on, or None."""
    loads, dumps = make_marshaller()
    client = RuntimeApiClient(address, first)
    try:
        serve(client, handler, loads, dumps)
    except Exception:
        # A Runtime API call failed (or the runtime itself did): report and end the process,
        # without waiting for threads the function left running.
        import traceback

        traceback.print_exc()
        rt.flush_stdio()
        os._exit(1)


def serve(client, handler, loads, dumps, once=False):
    environ = os.environ
    state = rt.STATE
    modules = sys.modules
    configure_logging = rt.configure_logging
    flush_stdio = rt.flush_stdio
    Fault = rt.Fault
    faults = None
    while True:
        try:
            headers, body = client.receive_next()
        except RuntimeApiError as e:
            _runtime_failure(str(e))
            raise RuntimeError("Failed to get next") from None
        request_id = headers["lambda-runtime-aws-request-id"]
        state.request_id = request_id
        state.tenant_id = headers.get("lambda-runtime-aws-tenant-id")
        trace_id = headers.get("lambda-runtime-trace-id")
        if trace_id is not None:
            environ["_X_AMZN_TRACE_ID"] = trace_id
        elif "_X_AMZN_TRACE_ID" in environ:
            del environ["_X_AMZN_TRACE_ID"]
        if not state.logging_ready and "logging" in modules:
            configure_logging()
        error = None
        try:
            context = make_context(headers, loads)
            if headers.get("content-type") == "application/json":
                try:
                    event = loads(body)
                except Exception as e:
                    raise Fault(Fault.UNMARSHAL_ERROR, "Unable to unmarshal input: %s" % e)
            else:
                event = bytes(body)
            result = handler(event, context)
            if isinstance(result, bytes):
                payload, content_type = result, "application/unknown"
            else:
                try:
                    payload = dumps(result).encode("utf-8")
                except Exception as e:
                    raise Fault(Fault.MARSHAL_ERROR, "Unable to marshal response: %s" % e)
                content_type = "application/json"
        except Fault as f:
            if faults is None:
                import outlet_faults as faults
            error = faults.make_error(f.message, f.error_type, f.trace, request_id)
            cause = faults.xray_cause("LambdaValidationError", f.message, os.getcwd(), [])
        except Exception:
            if faults is None:
                import outlet_faults as faults
            exc_info = sys.exc_info()
            error, frames = faults.error_from_exception(exc_info, request_id, rt.runtime_frame, True)
            cause = faults.xray_cause(
                exc_info[0].__name__, str(exc_info[1]), os.getcwd(), frames
            )
            del exc_info
        if error is None:
            flush_stdio()
            try:
                client.post_result(request_id, payload, content_type)
            except RuntimeApiError as e:
                _runtime_failure(str(e))
                raise RuntimeError("Failed to post invocation response") from None
        else:
            sys.stdout.write(faults.error_log_record(error, state.json_logs, dumps))
            flush_stdio()
            try:
                client.post_error(
                    request_id,
                    dumps(error).encode("utf-8", "backslashreplace"),
                    faults.header_value(cause),
                )
            except RuntimeApiError as e:
                _runtime_failure(str(e))
                raise RuntimeError("Failed to post invocation error") from None
        payload = body = result = event = context = error = None
        if once:
            return
        client.send_next()
