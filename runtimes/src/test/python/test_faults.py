"""Error objects and how errors are written to the log."""

import json
import os
import sys
import traceback
import unittest

import rtsupport  # noqa: F401  (puts the runtime on sys.path)
import outlet_faults as faults
import outlet_invoke as inv

NBSP = "\u00a0"


def runtime_frame(filename):
    return os.path.basename(filename) == "fake_runtime.py"


def fail(value):
    raise ValueError(value)


def user_handler(event, context):
    return fail(event)


class MakeErrorTest(unittest.TestCase):
    def test_shape_and_key_order(self):
        e = faults.make_error("boom", "ValueError", ["frame\n"], "req-1")
        self.assertEqual(list(e), ["errorMessage", "errorType", "requestId", "stackTrace"])
        self.assertEqual(e, {"errorMessage": "boom", "errorType": "ValueError",
                             "requestId": "req-1", "stackTrace": ["frame\n"]})

    def test_missing_parts_are_empty(self):
        self.assertEqual(faults.make_error(None, None, None),
                         {"errorMessage": "", "errorType": "", "requestId": "", "stackTrace": []})

    def test_serialized_as_aws_does(self):
        dumps = inv.make_marshaller("AWS_Lambda_python3.11")[1]
        e = faults.make_error("Handler 'f' missing on module 'm'", "Runtime.HandlerNotFound", None, "id")
        self.assertEqual(
            dumps(e),
            '{"errorMessage": "Handler \'f\' missing on module \'m\'", "errorType": '
            '"Runtime.HandlerNotFound", "requestId": "id", "stackTrace": []}',
        )


class ErrorFromExceptionTest(unittest.TestCase):
    def capture(self, fn, *args):
        try:
            fn(*args)
        except Exception:
            return sys.exc_info()
        self.fail("no exception")

    def test_user_frames_only(self):
        # this test's own frame plays the runtime's frame calling the handler
        exc_info = self.capture(user_handler, "bad input", None)
        # no frame is the runtime's here: every frame is kept
        error, frames = faults.error_from_exception(exc_info, "req-2", lambda f: False, True)
        self.assertEqual([f[2] for f in frames], ["capture", "user_handler", "fail"])
        self.assertEqual(error["errorType"], "ValueError")
        self.assertEqual(error["errorMessage"], "bad input")
        self.assertEqual(error["requestId"], "req-2")
        self.assertEqual(error["stackTrace"], traceback.format_list(frames))

    def test_leading_runtime_frames_are_dropped(self):
        frames = [("/var/runtime/fake_runtime.py", 10, "serve", "x"),
                  ("/var/task/app.py", 3, "handler", "y"),
                  ("/var/runtime/fake_runtime.py", 20, "callback", "z")]
        self.assertEqual(faults.user_frames(frames, runtime_frame), frames[1:])

    def test_all_runtime_frames_are_kept(self):
        frames = [("/var/runtime/fake_runtime.py", 10, "serve", "x")]
        self.assertEqual(faults.user_frames(frames, runtime_frame), frames)

    def test_stack_trace_strings(self):
        trace = traceback.format_list([("/var/task/lambda_function.py", 3, "lambda_handler",
                                        "raise ValueError('x')")])
        self.assertEqual(trace, ['  File "/var/task/lambda_function.py", line 3, in lambda_handler\n'
                                 "    raise ValueError('x')\n"])


class TextLogRecordTest(unittest.TestCase):
    def record(self, error):
        return faults.error_log_record(error, False, None)

    def test_type_message_and_frames(self):
        error = faults.make_error("value is required", "ValueError", traceback.format_list([
            ("/var/task/lambda_function.py", 9, "lambda_handler", "return check(event)"),
            ("/var/task/lambda_function.py", 3, "check", "raise ValueError('value is required')"),
        ]))
        self.assertEqual(
            self.record(error),
            "[ERROR] ValueError: value is required\r"
            "Traceback (most recent call last):\r"
            + NBSP * 2 + 'File "/var/task/lambda_function.py", line 9, in lambda_handler\r'
            + NBSP * 4 + "return check(event)\r"
            + NBSP * 2 + 'File "/var/task/lambda_function.py", line 3, in check\r'
            + NBSP * 4 + "raise ValueError('value is required')\n",
        )

    def test_no_trace(self):
        error = faults.make_error("Unable to import module 'lambda_function': No module named 'x'",
                                  "Runtime.ImportModuleError", None)
        self.assertEqual(
            self.record(error),
            "[ERROR] Runtime.ImportModuleError: Unable to import module 'lambda_function': "
            "No module named 'x'\rTraceback (most recent call last):\n",
        )

    def test_type_only_message_only_neither(self):
        self.assertEqual(self.record(faults.make_error(None, "T", None)),
                         "[ERROR] T\rTraceback (most recent call last):\n")
        self.assertEqual(self.record(faults.make_error("m", None, None)),
                         "[ERROR] m\rTraceback (most recent call last):\n")
        self.assertEqual(self.record(faults.make_error(None, None, None)),
                         "[ERROR]\rTraceback (most recent call last):\n")

    def test_indentation_and_empty_lines(self):
        error = faults.make_error("Error message", "ErrorType", ["  line1  ", "", "  "])
        self.assertEqual(
            self.record(error),
            "[ERROR] ErrorType: Error message\rTraceback (most recent call last):\r"
            + NBSP * 2 + "line1  \r\r" + NBSP * 2 + "\n",
        )

    def test_message_newlines_stay_in_one_line(self):
        error = faults.make_error("first\nsecond", "ValueError", [])
        record = self.record(error)
        self.assertEqual(record.count("\n"), 1)
        self.assertTrue(record.endswith("\n"))
        self.assertIn("first\rsecond", record)

    def test_syntax_error_trace(self):
        error = faults.make_error("Syntax error in module 'm': invalid syntax (m.py, line 1)",
                                  "Runtime.UserCodeSyntaxError",
                                  ['  File "/var/task/m.py" Line 1\n    def f(\n'])
        self.assertEqual(
            self.record(error),
            "[ERROR] Runtime.UserCodeSyntaxError: Syntax error in module 'm': invalid syntax "
            "(m.py, line 1)\rTraceback (most recent call last):\r"
            + NBSP * 2 + 'File "/var/task/m.py" Line 1\r' + NBSP * 4 + "def f(\n",
        )


class JsonLogRecordTest(unittest.TestCase):
    def test_error_as_one_json_line(self):
        dumps = inv.make_marshaller("AWS_Lambda_python3.11")[1]
        error = faults.make_error("boom", "ValueError", ["  File \"a.py\", line 1, in f\n"], "rid")
        line = faults.error_log_record(error, True, dumps, now=1714564800.123)
        self.assertTrue(line.endswith("\n"))
        self.assertEqual(line.count("\n"), 1)
        self.assertEqual(
            line,
            '{"timestamp": "2024-05-01T12:00:00", "level": "ERROR", "errorMessage": "boom", '
            '"errorType": "ValueError", "requestId": "rid", "stackTrace": '
            '["  File \\"a.py\\", line 1, in f\\n"]}\n',
        )


class XrayCauseTest(unittest.TestCase):
    def test_shape(self):
        cause = faults.xray_cause("ValueError", "boom", "/var/task",
                                  [("/var/task/a.py", 3, "handler", "x"),
                                   ("/var/task/b.py", 7, "helper", "y"),
                                   ("/var/task/a.py", 9, "other", "z")])
        self.assertEqual(cause, {
            "working_directory": "/var/task",
            "exceptions": [{"message": "boom", "type": "ValueError", "stack": [
                {"label": "handler", "path": "/var/task/a.py", "line": 3},
                {"label": "helper", "path": "/var/task/b.py", "line": 7},
                {"label": "other", "path": "/var/task/a.py", "line": 9}]}],
            "paths": ["/var/task/a.py", "/var/task/b.py"],
        })

    def test_validation_errors(self):
        cause = faults.xray_cause("LambdaValidationError", "Unable to marshal response: x", "/w", [])
        self.assertEqual(json.loads(faults.header_value(cause)), {
            "working_directory": "/w",
            "exceptions": [{"message": "Unable to marshal response: x",
                            "type": "LambdaValidationError", "stack": []}],
            "paths": [],
        })

    def test_header_is_ascii_and_dropped_from_one_mebibyte(self):
        value = faults.header_value(faults.xray_cause("E", "caf\u00e9\nx", "/w", []))
        self.assertIn(b"caf\\u00e9\\nx", value)
        self.assertEqual(faults.header_value(faults.xray_cause("E", "x" * (1024 * 1024), "/w", [])), b"")


if __name__ == "__main__":
    unittest.main()
