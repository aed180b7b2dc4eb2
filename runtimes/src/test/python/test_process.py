"""The runtime as a process, against a fake Runtime API: what it posts, what it logs and when."""

import json
import os
import shutil
import signal
import time
import unittest

import rtsupport

HELLO = """
import json
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def lambda_handler(event, context):
    print("hello from print")
    print("no newline before returning", end="")
    logger.info("hello from logging")
    return {"message": "hi " + event["name"], "request": context.aws_request_id}
"""


class ProcessTestCase(unittest.TestCase):
    def start(self, source, handler="lambda_function.lambda_handler", env=None, files=None):
        all_files = {"lambda_function.py": source}
        all_files.update(files or {})
        root = rtsupport.write_function(all_files)
        self.addCleanup(shutil.rmtree, root, True)
        self.api = rtsupport.FakeRuntimeApi()
        self.addCleanup(self.api.close)
        self.runtime = rtsupport.RuntimeProcess(self.api, root, handler, env)
        self.addCleanup(self.runtime.stop)
        return self.api

    def post(self, n=1):
        return self.api.wait_posts(n)[n - 1]


class InvokeTest(ProcessTestCase):
    def test_result_and_output_before_it(self):
        api = self.start(HELLO)
        rid = api.add_event({"name": "Ada"})
        post = self.post()
        self.assertEqual(post["path"], "/2018-06-01/runtime/invocation/%s/response" % rid)
        self.assertEqual(post["headers"]["content-type"], "application/json")
        self.assertEqual(json.loads(post["body"]), {"message": "hi Ada", "request": rid})
        # everything the handler wrote was in the pipe before the result was posted
        lines = post["output"].split("\n")
        self.assertEqual(lines[0], "hello from print")
        self.assertTrue(lines[1].startswith("no newline before returning[INFO]\t"), lines[1])
        self.assertTrue(lines[1].endswith("\t%s\thello from logging" % rid), lines[1])

    def test_many_invokes_on_one_connection(self):
        api = self.start("def lambda_handler(e, c):\n    return e\n")
        for i in range(20):
            api.add_event({"i": i})
        posts = api.wait_posts(20)
        self.assertEqual([json.loads(p["body"])["i"] for p in posts], list(range(20)))
        self.assertEqual(api.connections, 1)

    def test_logging_is_not_imported_by_the_runtime(self):
        api = self.start("import sys\n\ndef lambda_handler(e, c):\n"
                         "    return sorted(m for m in ('logging', 'http', 'email', 'socket')"
                         " if m in sys.modules)\n")
        api.add_event({})
        self.assertEqual(json.loads(self.post()["body"]), [])

    def test_logging_imported_during_the_invoke_is_set_up(self):
        api = self.start("def lambda_handler(e, c):\n    import logging\n"
                         "    logging.getLogger('x').warning('careful')\n"
                         "    logging.getLogger('x').info('not shown by default')\n"
                         "    return [type(h).__name__ for h in logging.getLogger().handlers]\n")
        rid = api.add_event({})
        post = self.post()
        self.assertEqual(json.loads(post["body"]), ["LambdaLoggerHandler"])
        self.assertRegex(post["output"],
                         r"^\[WARNING\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t%s\tcareful\n$" % rid)

    def test_trace_id_environment(self):
        api = self.start("import os\n\ndef lambda_handler(e, c):\n"
                         "    return os.environ.get('_X_AMZN_TRACE_ID')\n")
        api.add_event({}, headers={"Lambda-Runtime-Trace-Id": "Root=1-a;Parent=b;Sampled=1"})
        api.add_event({}, headers={"Lambda-Runtime-Trace-Id": "Root=1-c;Parent=d;Sampled=0"})
        posts = api.wait_posts(2)
        self.assertEqual([json.loads(p["body"]) for p in posts],
                         ["Root=1-a;Parent=b;Sampled=1", "Root=1-c;Parent=d;Sampled=0"])

    def test_non_json_event_is_bytes_and_bytes_result_is_raw(self):
        api = self.start("def lambda_handler(e, c):\n    return e[::-1]\n")
        api.add_event(b"\x00\x01abc", headers={"Content-Type": "application/octet-stream"})
        post = self.post()
        self.assertEqual(post["body"], b"cba\x01\x00")
        self.assertEqual(post["headers"]["content-type"], "application/unknown")

    def test_decimal_result(self):
        api = self.start("from decimal import Decimal\n\ndef lambda_handler(e, c):\n"
                         "    return {'price': Decimal('19.990')}\n")
        api.add_event({})
        self.assertEqual(self.post()["body"], b'{"price": 19.990}')

    def test_thread_left_running(self):
        api = self.start(
            "import threading, time\n\ndef loop():\n    while True:\n        time.sleep(0.05)\n\n"
            "def lambda_handler(e, c):\n    threading.Thread(target=loop).start()\n"
            "    return threading.active_count()\n")
        api.add_event({})
        api.add_event({})
        posts = api.wait_posts(2)
        self.assertEqual([json.loads(p["body"]) for p in posts], [2, 3])

    def test_sigterm_ends_the_process(self):
        api = self.start("def lambda_handler(e, c):\n    return 1\n")
        api.wait_requests(1)  # waiting for an event
        self.runtime.process.send_signal(signal.SIGTERM)
        self.assertEqual(self.runtime.wait(5), -signal.SIGTERM)


class InvokeErrorTest(ProcessTestCase):
    def test_handler_raises(self):
        api = self.start("def check(v):\n    raise ValueError('value is required')\n\n"
                         "def lambda_handler(e, c):\n    print('about to fail')\n    return check(e)\n")
        rid = api.add_event({})
        post = self.post()
        self.assertEqual(post["path"], "/2018-06-01/runtime/invocation/%s/error" % rid)
        self.assertEqual(post["headers"]["content-type"], "application/json")
        self.assertNotIn("lambda-runtime-function-error-type", post["headers"])
        body = json.loads(post["body"])
        self.assertEqual(list(body), ["errorMessage", "errorType", "requestId", "stackTrace"])
        self.assertEqual(body["errorMessage"], "value is required")
        self.assertEqual(body["errorType"], "ValueError")
        self.assertEqual(body["requestId"], rid)
        self.assertEqual(len(body["stackTrace"]), 2)
        self.assertRegex(body["stackTrace"][0],
                         r'^  File ".*lambda_function.py", line 6, in lambda_handler\n    return check\(e\)\n$')
        cause = json.loads(post["headers"]["lambda-runtime-function-xray-error-cause"])
        self.assertEqual(cause["exceptions"][0]["type"], "ValueError")
        self.assertEqual([f["label"] for f in cause["exceptions"][0]["stack"]], ["lambda_handler", "check"])
        lines = post["output"].split("\n")
        self.assertEqual(lines[0], "about to fail")
        self.assertTrue(lines[1].startswith(
            "[ERROR] ValueError: value is required\rTraceback (most recent call last):\r\u00a0\u00a0File "),
            lines[1])
        self.assertEqual(lines[2:], [""])
        # the runtime goes on
        api.add_event({})
        self.assertTrue(self.post(2)["path"].endswith("/error"))

    def test_not_serializable_result(self):
        api = self.start("def lambda_handler(e, c):\n    return {1, 2, 3}\n")
        rid = api.add_event({})
        body = json.loads(self.post()["body"])
        self.assertEqual(body, {"errorMessage": "Unable to marshal response: Object of type set is not "
                                "JSON serializable", "errorType": "Runtime.MarshalError",
                                "requestId": rid, "stackTrace": []})

    def test_event_not_json(self):
        api = self.start("def lambda_handler(e, c):\n    return e\n")
        api.add_event(b"not json")
        body = json.loads(self.post()["body"])
        self.assertEqual(body["errorType"], "Runtime.UnmarshalError")
        self.assertEqual(body["errorMessage"],
                         "Unable to unmarshal input: Expecting value: line 1 column 1 (char 0)")

    def test_response_too_large_ends_the_process(self):
        api = self.start("import threading, time\n\n"
                         "def lambda_handler(e, c):\n"
                         "    threading.Thread(target=time.sleep, args=(60,)).start()\n"
                         "    return 'x' * 7000000\n")
        api.add_event({})
        self.assertEqual(self.post()["body"], b"<too large>")
        self.assertEqual(self.runtime.wait(5), 1)  # not held by the thread left running
        self.assertIn("LAMBDA_RUNTIME Failed to post handler success response. Http response code: 413. "
                      '{"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).",'
                      '"errorType":"RequestEntityTooLarge"}\n', self.runtime.output.text())


class InitErrorTest(ProcessTestCase):
    def init_error(self, source, handler="lambda_function.lambda_handler"):
        api = self.start(source, handler)
        post = self.post()
        self.assertEqual(post["path"], "/2018-06-01/runtime/init/error")
        self.assertEqual(self.runtime.wait(5), 1)
        return post, json.loads(post["body"]), self.runtime.output.text()

    def test_import_error(self):
        post, body, out = self.init_error("import no_such_module\n")
        self.assertEqual(post["headers"]["lambda-runtime-function-error-type"], "Runtime.ImportModuleError")
        self.assertEqual(body, {"errorMessage": "Unable to import module 'lambda_function': No module named "
                                "'no_such_module'", "errorType": "Runtime.ImportModuleError",
                                "requestId": "", "stackTrace": []})
        lines = out.split("\n")
        self.assertRegex(lines[0], r"^\[WARNING\]\t\S+Z\t\tLAMBDA_WARNING: Unhandled exception\. ")
        self.assertEqual(lines[1], "[ERROR] Runtime.ImportModuleError: Unable to import module "
                                   "'lambda_function': No module named 'no_such_module'\r"
                                   "Traceback (most recent call last):")
        self.assertEqual(lines[2:], [""])
        # nothing was asked of the Runtime API but the init error
        self.assertEqual([r[1] for r in self.api.requests], ["/2018-06-01/runtime/init/error"])

    def test_syntax_error(self):
        post, body, out = self.init_error("def lambda_handler(e, c)\n    return 1\n")
        self.assertEqual(body["errorType"], "Runtime.UserCodeSyntaxError")
        self.assertTrue(body["errorMessage"].startswith("Syntax error in module 'lambda_function': "))
        self.assertRegex(body["stackTrace"][0], r'^  File ".*lambda_function.py" Line 1\n')

    def test_handler_not_found(self):
        post, body, out = self.init_error("def other(e, c):\n    return 1\n")
        self.assertEqual(body["errorType"], "Runtime.HandlerNotFound")
        self.assertEqual(body["errorMessage"], "Handler 'lambda_handler' missing on module 'lambda_function'")

    def test_malformed_handler(self):
        post, body, out = self.init_error("", handler="lambda_function")
        self.assertEqual(body["errorType"], "Runtime.MalformedHandlerName")

    def test_module_raises(self):
        post, body, out = self.init_error("print('initializing')\nraise RuntimeError('init failed')\n")
        self.assertEqual(post["headers"]["lambda-runtime-function-error-type"], "RuntimeError")
        self.assertEqual(body["errorType"], "RuntimeError")
        self.assertEqual(body["errorMessage"], "init failed")
        self.assertRegex(body["stackTrace"][-1],
                         r'^  File ".*lambda_function.py", line 2, in <module>\n    raise RuntimeError')
        self.assertFalse(any("outlet_runtime.py" in f or "bootstrap.py" in f for f in body["stackTrace"]))
        self.assertTrue(out.startswith("initializing\n[WARNING]"), out)

    def test_warning_uses_the_function_logging_setup(self):
        # logging imported and set up by the module before it fails: the warning goes through it
        post, body, out = self.init_error("import logging\nlogging.getLogger().setLevel(logging.ERROR)\n"
                                          "raise ValueError('x')\n")
        self.assertNotIn("LAMBDA_WARNING", out)
        self.assertTrue(out.startswith("[ERROR] ValueError: x\r"), out)


class JsonLogsTest(ProcessTestCase):
    def test_json_format(self):
        api = self.start("import logging\nlog = logging.getLogger('app')\n\n"
                         "def lambda_handler(e, c):\n    log.debug('d')\n    log.info('i', extra={'k': 1})\n"
                         "    print('plain')\n    raise KeyError('missing')\n",
                         env={"AWS_LAMBDA_LOG_FORMAT": "JSON", "AWS_LAMBDA_LOG_LEVEL": "INFO"})
        rid = api.add_event({})
        lines = self.post()["output"].split("\n")
        info = json.loads(lines[0])
        self.assertEqual(list(info), ["timestamp", "level", "message", "logger", "requestId", "k"])
        self.assertEqual((info["level"], info["message"], info["logger"], info["requestId"], info["k"]),
                         ("INFO", "i", "app", rid, 1))
        self.assertEqual(lines[1], "plain")
        error = json.loads(lines[2])
        self.assertEqual(list(error), ["timestamp", "level", "errorMessage", "errorType", "requestId",
                                       "stackTrace"])
        self.assertEqual((error["level"], error["errorType"], error["errorMessage"]),
                         ("ERROR", "KeyError", "'missing'"))
        self.assertRegex(error["timestamp"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")
        self.assertEqual(lines[3:], [""])

    def test_init_warning_in_json(self):
        api = self.start("import missing_thing\n", env={"AWS_LAMBDA_LOG_FORMAT": "JSON",
                                                        "AWS_LAMBDA_LOG_LEVEL": "WARN"})
        self.post()
        self.runtime.wait(5)
        lines = self.runtime.output.text().split("\n")
        warning = json.loads(lines[0])
        self.assertEqual(list(warning), ["timestamp", "level", "message", "logger", "requestId"])
        self.assertEqual((warning["level"], warning["logger"], warning["requestId"]), ("WARNING", "root", ""))
        self.assertTrue(warning["message"].startswith("LAMBDA_WARNING: Unhandled exception."))
        self.assertEqual(json.loads(lines[1])["errorType"], "Runtime.ImportModuleError")


if __name__ == "__main__":
    unittest.main()
