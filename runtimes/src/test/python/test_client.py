"""The runtime's HTTP/1.1 client of the Runtime API."""

import socket
import threading
import unittest

import rtsupport
import outlet_invoke as inv


class ScriptedServer(object):
    """Answers each request with the next scripted (raw response, close afterwards)."""

    def __init__(self, script):
        self.script = list(script)
        self.requests = []
        self.connections = 0
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(4)
        self.address = "127.0.0.1:%d" % self.listener.getsockname()[1]
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while self.script:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            buf = b""
            with conn:
                while self.script:
                    while b"\r\n\r\n" not in buf:
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        buf += chunk
                    if b"\r\n\r\n" not in buf:
                        break
                    head, _, buf = buf.partition(b"\r\n\r\n")
                    length = 0
                    for line in head.split(b"\r\n")[1:]:
                        if line.lower().startswith(b"content-length:"):
                            length = int(line.split(b":")[1])
                    while len(buf) < length:
                        buf += conn.recv(65536)
                    self.requests.append((head, buf[:length]))
                    buf = buf[length:]
                    response, close = self.script.pop(0)
                    conn.sendall(response)
                    if close:
                        break

    def close(self):
        self.listener.close()


def event_response(body=b'{"a": 1}', request_id="rid-1", extra=b""):
    return (b"HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: " + request_id.encode()
            + b"\r\nLambda-Runtime-Deadline-Ms: 1700000000000\r\nContent-Type: application/json\r\n"
            + extra + b"Content-Length: %d\r\n\r\n" % len(body) + body)


ACCEPTED = b'HTTP/1.1 202 Accepted\r\nContent-Length: 15\r\n\r\n{"status":"OK"}'


class ClientTest(unittest.TestCase):
    def server(self, script):
        s = ScriptedServer(script)
        self.addCleanup(s.close)
        c = inv.RuntimeApiClient(s.address)
        self.addCleanup(c.close)
        return s, c

    def test_next_and_keep_alive(self):
        s, c = self.server([(event_response(), False), (ACCEPTED, False),
                            (event_response(b"[]", "rid-2"), False)])
        headers, body = c.next()
        self.assertEqual(headers["lambda-runtime-aws-request-id"], "rid-1")
        self.assertEqual(headers["lambda-runtime-deadline-ms"], "1700000000000")
        self.assertEqual(headers["content-type"], "application/json")
        self.assertEqual(bytes(body), b'{"a": 1}')
        c.post_result("rid-1", b'{"ok": true}', "application/json")
        headers, body = c.next()
        self.assertEqual(headers["lambda-runtime-aws-request-id"], "rid-2")
        self.assertEqual(s.connections, 1)
        get, post = s.requests[0][0], s.requests[1]
        self.assertTrue(get.startswith(b"GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\n"), get)
        self.assertIn(b"\r\nHost: " + s.address.encode() + b"\r\n", get)
        self.assertTrue(post[0].startswith(b"POST /2018-06-01/runtime/invocation/rid-1/response HTTP/1.1\r\n"))
        self.assertIn(b"\r\nContent-Type: application/json\r\n", post[0])
        self.assertIn(b"\r\nContent-Length: 12", post[0])
        self.assertEqual(post[1], b'{"ok": true}')

    def test_error_and_init_error_headers(self):
        s, c = self.server([(ACCEPTED, False), (ACCEPTED, False)])
        c.post_error("rid", b'{"errorMessage": "x"}', b'{"working_directory": "/var/task"}')
        c.post_init_error(b'{"errorType": "Runtime.ImportModuleError"}', "Runtime.ImportModuleError")
        (h1, b1), (h2, b2) = s.requests
        self.assertTrue(h1.startswith(b"POST /2018-06-01/runtime/invocation/rid/error HTTP/1.1"))
        self.assertIn(b"\r\nContent-Type: application/json\r\n", h1)
        self.assertIn(b'\r\nLambda-Runtime-Function-XRay-Error-Cause: {"working_directory": "/var/task"}', h1)
        self.assertNotIn(b"Error-Type", h1)
        self.assertTrue(h2.startswith(b"POST /2018-06-01/runtime/init/error HTTP/1.1"))
        self.assertIn(b"\r\nLambda-Runtime-Function-Error-Type: Runtime.ImportModuleError", h2)

    def test_non_2xx_is_an_error(self):
        s, c = self.server([(b'HTTP/1.1 413 Request Entity Too Large\r\nContent-Length: 5\r\n\r\ntoo b', False)])
        with self.assertRaises(inv.RuntimeApiError) as cm:
            c.post_result("rid", b"x" * 10, "application/json")
        self.assertEqual(str(cm.exception),
                         "Failed to post handler success response. Http response code: 413. too b")

    def test_next_must_be_200(self):
        s, c = self.server([(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2\r\n\r\n{}", False)])
        with self.assertRaises(inv.RuntimeApiError):
            c.next()

    def test_chunked_body(self):
        chunked = (b"HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: r\r\nTransfer-Encoding: chunked\r\n\r\n"
                   b"3\r\n{\"a\r\n5;ext=1\r\n\": 1}\r\n0\r\nTrailer: x\r\n\r\n")
        s, c = self.server([(chunked, False), (ACCEPTED, False)])
        headers, body = c.next()
        self.assertEqual(bytes(body), b'{"a": 1}')
        c.post_result("r", b"1", "application/json")  # the connection is still in step

    def test_reconnects_when_a_kept_alive_connection_was_closed(self):
        s, c = self.server([(event_response(), True), (ACCEPTED, False)])
        c.next()
        c.post_result("rid-1", b"{}", "application/json")
        self.assertEqual(s.connections, 2)

    def test_connection_close_header(self):
        s, c = self.server([(event_response(extra=b"Connection: close\r\n"), True), (ACCEPTED, False)])
        c.next()
        c.post_result("rid-1", b"{}", "application/json")
        self.assertEqual(s.connections, 2)

    def test_large_bodies(self):
        big = b"[" + b"1," * 3000000 + b"1]"
        s, c = self.server([(event_response(big), False), (ACCEPTED, False)])
        headers, body = c.next()
        self.assertEqual(len(body), len(big))
        self.assertEqual(bytes(body), big)
        c.post_result("rid-1", big, "application/json")
        self.assertEqual(s.requests[1][1], big)

    def test_nothing_listening(self):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        address = "127.0.0.1:%d" % s.getsockname()[1]
        s.close()
        with self.assertRaises(inv.RuntimeApiError):
            inv.RuntimeApiClient(address).next()

    def test_with_the_fake_runtime_api(self):
        api = rtsupport.FakeRuntimeApi()
        self.addCleanup(api.close)
        api.add_event({"k": 1}, request_id="abc", headers={"Lambda-Runtime-Client-Context": '{"custom": {}}'})
        c = inv.RuntimeApiClient(api.address)
        self.addCleanup(c.close)
        headers, body = c.next()
        self.assertEqual(headers["lambda-runtime-client-context"], '{"custom": {}}')
        c.post_result("abc", b'"ok"', "application/json")
        post = api.wait_posts(1)[0]
        self.assertEqual(post["path"], "/2018-06-01/runtime/invocation/abc/response")
        self.assertEqual(post["body"], b'"ok"')


if __name__ == "__main__":
    unittest.main()
