"""Shared by the tests of Outlet's Python runtime: where the runtime is, a fake Runtime API, and a
way to start the runtime as Outlet starts it (python3 bootstrap.py, Lambda's environment)."""

import fcntl
import json
import os
import select
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import uuid

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIME_DIR = os.path.normpath(
    os.path.join(HERE, "..", "..", "main", "resources", "dev", "outlet", "runtimes", "python")
)
if RUNTIME_DIR not in sys.path:
    sys.path.insert(0, RUNTIME_DIR)

RESPONSE_LIMIT = 6291556


def write_function(files):
    """A temporary code folder holding ``files`` ({relative path: source}); returns its path."""
    root = tempfile.mkdtemp(prefix="outlet-py-fn-")
    for name, source in files.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(textwrap.dedent(source))
    return root


class Output(object):
    """What the runtime writes to its stdout+stderr pipe, read as it arrives."""

    def __init__(self, fd):
        self.fd = fd
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_NONBLOCK)
        self.lock = threading.Lock()
        self.data = b""
        self.closed = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.closed:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.05)
            except (OSError, ValueError):
                return
            if ready:
                self.drain()

    def drain(self):
        """Everything written so far (what is in the pipe included)."""
        with self.lock:
            while not self.closed:
                try:
                    chunk = os.read(self.fd, 65536)
                except BlockingIOError:
                    break
                except OSError:
                    self.closed = True
                    break
                if not chunk:
                    self.closed = True
                    break
                self.data += chunk
            return self.data

    def text(self):
        return self.drain().decode("utf-8", "replace")

    def lines(self):
        return self.text().split("\n")


class FakeRuntimeApi(object):
    """The Runtime API of one sandbox: events queued by the test, results recorded with the
    runtime's output as it was when each result arrived."""

    def __init__(self, response_limit=RESPONSE_LIMIT):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.address = "127.0.0.1:%d" % self.listener.getsockname()[1]
        self.response_limit = response_limit
        self.events = []
        self.posts = []  # dicts: path, headers, body, output (runtime output at that moment)
        self.requests = []  # (method, path, headers)
        self.connections = 0
        self.output = None
        self.cond = threading.Condition()
        self.stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    # -- test side

    def add_event(self, body=b"{}", request_id=None, headers=None, deadline_ms=None):
        request_id = request_id or str(uuid.uuid4())
        if not isinstance(body, bytes):
            body = json.dumps(body).encode("utf-8")
        h = {
            "Lambda-Runtime-Aws-Request-Id": request_id,
            "Lambda-Runtime-Deadline-Ms": str(
                deadline_ms if deadline_ms is not None else int(time.time() * 1000) + 3000
            ),
            "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-1:123456789012:function:f",
            "Lambda-Runtime-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            "Content-Type": "application/json",
        }
        h.update(headers or {})
        with self.cond:
            self.events.append((h, body))
            self.cond.notify_all()
        return request_id

    def wait_posts(self, n, timeout=10):
        deadline = time.time() + timeout
        with self.cond:
            while len(self.posts) < n:
                left = deadline - time.time()
                if left <= 0:
                    raise AssertionError("expected %d posts, got %d" % (n, len(self.posts)))
                self.cond.wait(left)
            return list(self.posts)

    def wait_requests(self, n, timeout=10):
        deadline = time.time() + timeout
        with self.cond:
            while len(self.requests) < n:
                left = deadline - time.time()
                if left <= 0:
                    raise AssertionError("expected %d requests, got %d" % (n, len(self.requests)))
                self.cond.wait(left)
            return list(self.requests)

    def close(self):
        with self.cond:
            self.stopped = True
            self.cond.notify_all()
        try:
            self.listener.close()
        except OSError:
            pass

    # -- server side

    def _accept(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            with self.cond:
                self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        buf = b""
        try:
            while True:
                while b"\r\n\r\n" not in buf:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    buf += chunk
                head, _, buf = buf.partition(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {}
                for line in lines[1:]:
                    k, _, v = line.partition(":")
                    headers[k.strip().lower()] = v.strip()
                length = int(headers.get("content-length", "0"))
                with self.cond:
                    self.requests.append((method, path, headers))
                    self.cond.notify_all()
                if method == "POST" and length > self.response_limit:
                    self._reply(conn, 413, b'{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}')
                    while length > 0:  # read and drop the rest, as Outlet does
                        if buf:
                            take = min(len(buf), length)
                            buf = buf[take:]
                            length -= take
                            continue
                        chunk = conn.recv(65536)
                        if not chunk:
                            return
                        length -= len(chunk)
                    self._record(path, headers, b"<too large>")
                    continue
                while len(buf) < length:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    buf += chunk
                body, buf = buf[:length], buf[length:]
                if method == "GET" and path.endswith("/runtime/invocation/next"):
                    with self.cond:
                        while not self.events and not self.stopped:
                            self.cond.wait()
                        if self.stopped:
                            return
                        event_headers, event_body = self.events.pop(0)
                    out = b"HTTP/1.1 200 OK\r\n"
                    for k, v in event_headers.items():
                        out += ("%s: %s\r\n" % (k, v)).encode("utf-8")
                    out += b"Content-Length: %d\r\n\r\n" % len(event_body)
                    conn.sendall(out + event_body)
                elif method == "POST":
                    self._record(path, headers, body)
                    self._reply(conn, 202, b'{"status":"OK"}')
                else:
                    self._reply(conn, 404, b"{}")
        except OSError:
            return
        finally:
            conn.close()

    def _record(self, path, headers, body):
        output = self.output.text() if self.output is not None else ""
        with self.cond:
            self.posts.append({"path": path, "headers": headers, "body": body, "output": output})
            self.cond.notify_all()

    def _reply(self, conn, status, body):
        reason = {202: "Accepted", 404: "Not Found", 413: "Request Entity Too Large"}[status]
        conn.sendall(
            b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
            % (status, reason.encode(), len(body))
            + body
        )


def lambda_env(api, task_root, handler, extra=None):
    env = {
        "_HANDLER": handler,
        "LAMBDA_TASK_ROOT": task_root,
        "LAMBDA_RUNTIME_DIR": RUNTIME_DIR,
        "AWS_LAMBDA_RUNTIME_API": api,
        "AWS_EXECUTION_ENV": "AWS_Lambda_python%d.%d" % sys.version_info[:2],
        "AWS_LAMBDA_FUNCTION_NAME": "f",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
        "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/f",
        "AWS_LAMBDA_LOG_STREAM_NAME": "2024/05/01/[$LATEST]0123456789abcdef0123456789abcdef",
        "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "TZ": ":UTC",
        "LANG": "en_US.UTF-8",
        "LC_CTYPE": "C.UTF-8",
        "PATH": "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin",
        "TMPDIR": tempfile.gettempdir(),
        "PYTHONPATH": RUNTIME_DIR,
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.update(extra or {})
    return env


class RuntimeProcess(object):
    """The runtime started as Outlet starts it, stdout and stderr on one pipe."""

    def __init__(self, api, task_root, handler="lambda_function.lambda_handler", env=None):
        read_fd, write_fd = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(RUNTIME_DIR, "bootstrap.py")],
            cwd=task_root,
            env=lambda_env(api.address, task_root, handler, env),
            stdin=subprocess.DEVNULL,
            stdout=write_fd,
            stderr=write_fd,
        )
        os.close(write_fd)
        self.output = Output(read_fd)
        api.output = self.output

    def wait(self, timeout=10):
        return self.process.wait(timeout)

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.output.drain()
        self.output.closed = True
        try:
            os.close(self.output.fd)
        except OSError:
            pass
