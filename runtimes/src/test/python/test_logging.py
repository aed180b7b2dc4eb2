"""The root logger as the runtime sets it up: text and JSON formats, levels, one line per record."""

import io
import json
import logging
import sys
import time
import unittest
from unittest import mock

import rtsupport  # noqa: F401
import outlet_logconf as logconf
import outlet_runtime as rt

CREATED = 1714564800.123456  # 2024-05-01T12:00:00.123456Z


class State(object):
    request_id = None
    tenant_id = None
    json_logs = False
    log_level = ""


class LoggingTestCase(unittest.TestCase):
    def setUp(self):
        self.root = logging.getLogger()
        self.saved = (list(self.root.handlers), self.root.level, logging.Formatter.converter)
        self.root.handlers = []
        self.root.setLevel(logging.WARNING)
        self.state = State()
        self.out = io.StringIO()
        patcher = mock.patch.object(sys, "stdout", self.out)
        patcher.start()
        self.addCleanup(patcher.stop)

    def tearDown(self):
        self.root.handlers, level, logging.Formatter.converter = self.saved
        self.root.setLevel(level)

    def configure(self, json_logs=False, level=""):
        self.state.json_logs = json_logs
        self.state.log_level = rt.log_level_from_env(level)
        return logconf.configure(logging, self.state)

    def record(self, level, msg, args=(), exc_info=None, name="root", created=CREATED, **extra):
        r = logging.LogRecord(name, level, "/var/task/lambda_function.py", 12, msg, args, exc_info,
                              func="lambda_handler")
        r.created = created
        r.msecs = int((created - int(created)) * 1000) + 0.0
        r.__dict__.update(extra)
        return r

    def emit(self, handler, *args, **kwargs):
        handler.handle(self.record(*args, **kwargs))
        return self.out.getvalue()


class TextFormatTest(LoggingTestCase):
    def test_line(self):
        h = self.configure()
        self.state.request_id = "8f507cfc-xmpl-4697-b07a-ac58fc914c95"
        self.assertEqual(
            self.emit(h, logging.INFO, "hello %s", ("world",)),
            "[INFO]\t2024-05-01T12:00:00.123Z\t8f507cfc-xmpl-4697-b07a-ac58fc914c95\thello world\n",
        )

    def test_milliseconds_are_zero_padded(self):
        h = self.configure()
        self.assertEqual(self.emit(h, logging.ERROR, "x", created=1714564800.0075),
                         "[ERROR]\t2024-05-01T12:00:00.007Z\t\tx\n")

    def test_no_request_id_during_init(self):
        h = self.configure()
        self.assertEqual(self.emit(h, logging.WARNING, "w"), "[WARNING]\t2024-05-01T12:00:00.123Z\t\tw\n")

    def test_one_line_per_record(self):
        h = self.configure()
        out = self.emit(h, logging.ERROR, "first\nsecond")
        self.assertEqual(out, "[ERROR]\t2024-05-01T12:00:00.123Z\t\tfirst\rsecond\n")

    def test_exception_stays_in_the_record(self):
        h = self.configure()
        try:
            raise KeyError("k")
        except KeyError:
            out = self.emit(h, logging.ERROR, "failed", exc_info=sys.exc_info())
        self.assertEqual(out.count("\n"), 1)
        self.assertTrue(out.startswith("[ERROR]\t2024-05-01T12:00:00.123Z\t\tfailed\rTraceback"), out)
        self.assertTrue(out.endswith("KeyError: 'k'\n"), out)

    def test_times_are_utc(self):
        self.configure()
        self.assertIs(logging.Formatter.converter, time.gmtime)

    def test_default_level_is_python_default(self):
        self.configure()
        self.assertEqual(self.root.level, logging.WARNING)
        logging.getLogger("x").info("not shown")
        logging.getLogger("x").warning("shown")
        self.assertEqual(self.out.getvalue().count("\n"), 1)
        self.assertIn("\tshown\n", self.out.getvalue())

    def test_basic_config_does_nothing_with_the_lambda_handler(self):
        h = self.configure()
        logging.basicConfig(level=logging.DEBUG, format="%(message)s")
        self.assertEqual(self.root.handlers, [h])

    def test_handler_name(self):
        h = self.configure()
        self.assertEqual(type(h).__name__, "LambdaLoggerHandler")

    def test_direct_line_matches_the_handler(self):
        h = self.configure()
        self.state.request_id = "rid"
        via_logging = self.emit(h, logging.WARNING, "LAMBDA_WARNING: x")
        self.assertEqual(
            logconf.direct_log_line("WARNING", "LAMBDA_WARNING: x", "rid", False, "", now=CREATED),
            via_logging,
        )


class LevelTest(LoggingTestCase):
    def test_levels(self):
        cases = [("TRACE", logging.DEBUG), ("DEBUG", logging.DEBUG), ("INFO", logging.INFO),
                 ("WARN", logging.WARNING), ("ERROR", logging.ERROR), ("FATAL", logging.CRITICAL),
                 (None, logging.WARNING), ("nonsense", logging.WARNING)]
        for value, expected in cases:
            with self.subTest(value=value):
                self.root.handlers = []
                self.root.setLevel(logging.WARNING)
                self.configure(json_logs=True, level=value)
                self.assertEqual(self.root.level, expected)

    def test_env_value(self):
        self.assertEqual(rt.log_level_from_env(None), "")
        self.assertEqual(rt.log_level_from_env("TRACE"), "DEBUG")
        self.assertEqual(rt.log_level_from_env("warn"), "WARN")

    def test_direct_line_filtered_by_level(self):
        self.assertIsNone(logconf.direct_log_line("WARNING", "w", None, True, "ERROR"))
        self.assertIsNotNone(logconf.direct_log_line("WARNING", "w", None, True, "DEBUG"))
        self.assertIsNotNone(logconf.direct_log_line("WARNING", "w", None, False, ""))


class JsonFormatTest(LoggingTestCase):
    def parse(self, text):
        self.assertTrue(text.endswith("\n"))
        self.assertEqual(text.count("\n"), 1)
        return json.loads(text)

    def test_fields_in_order(self):
        h = self.configure(json_logs=True, level="INFO")
        self.state.request_id = "rid"
        out = self.emit(h, logging.INFO, "hello %s", ("you",), name="app")
        self.assertEqual(
            out,
            '{"timestamp": "2024-05-01T12:00:00.123Z", "level": "INFO", "message": "hello you", '
            '"logger": "app", "requestId": "rid"}\n',
        )

    def test_exception_fields(self):
        h = self.configure(json_logs=True, level="INFO")
        try:
            1 / 0
        except ZeroDivisionError:
            doc = self.parse(self.emit(h, logging.ERROR, "failed", exc_info=sys.exc_info()))
        self.assertEqual(list(doc), ["timestamp", "level", "message", "logger", "stackTrace",
                                     "errorType", "errorMessage", "requestId", "location"])
        self.assertEqual(doc["errorType"], "ZeroDivisionError")
        self.assertEqual(doc["errorMessage"], "division by zero")
        self.assertEqual(doc["location"], "/var/task/lambda_function.py:lambda_handler:12")
        self.assertEqual(len(doc["stackTrace"]), 1)
        self.assertTrue(doc["stackTrace"][0].startswith('  File "'))

    def test_extra_fields_and_tenant(self):
        h = self.configure(json_logs=True, level="INFO")
        self.state.tenant_id = "tenant-1"
        doc = self.parse(self.emit(h, logging.INFO, "m", orderId="1234", amount=3))
        self.assertEqual(list(doc), ["timestamp", "level", "message", "logger", "requestId",
                                     "tenantId", "orderId", "amount"])
        self.assertEqual(doc["tenantId"], "tenant-1")
        self.assertEqual(doc["orderId"], "1234")

    def test_levels_are_normalized(self):
        h = self.configure(json_logs=True, level="DEBUG")
        self.assertEqual(self.parse(self.emit(h, 25, "m"))["level"], "INFO")
        self.out.truncate(0)
        self.out.seek(0)
        self.assertEqual(self.parse(self.emit(h, logging.CRITICAL, "m"))["level"], "CRITICAL")
        self.out.truncate(0)
        self.out.seek(0)
        self.assertEqual(self.parse(self.emit(h, logging.WARNING, "m"))["level"], "WARNING")

    def test_filtered_by_level(self):
        self.configure(json_logs=True, level="ERROR")
        logging.getLogger("a").warning("dropped")
        logging.getLogger("a").error("kept")
        self.assertEqual(self.parse(self.out.getvalue())["message"], "kept")

    def test_non_ascii_is_kept(self):
        h = self.configure(json_logs=True, level="INFO")
        self.assertIn('"message": "caf\u00e9"', self.emit(h, logging.INFO, "caf\u00e9"))

    def test_dict_message_and_unserializable_values(self):
        import decimal

        h = self.configure(json_logs=True, level="DEBUG")
        doc = self.parse(self.emit(h, logging.DEBUG, {"event": "e", "amount": decimal.Decimal("1.5"),
                                                      "blob": b"bytes"}))
        self.assertEqual(doc["message"], {"event": "e", "amount": "1.5", "blob": "b'bytes'"})

    def test_direct_line_matches_the_handler(self):
        h = self.configure(json_logs=True, level="INFO")
        via_logging = self.emit(h, logging.WARNING, "LAMBDA_WARNING: x")
        self.assertEqual(
            logconf.direct_log_line("WARNING", "LAMBDA_WARNING: x", None, True, "INFO", now=CREATED),
            via_logging,
        )


class OneEventTest(unittest.TestCase):
    def test_collapse(self):
        self.assertEqual(logconf.one_event("a\n"), "a\n")
        self.assertEqual(logconf.one_event("a"), "a\n")
        self.assertEqual(logconf.one_event("a\nb\r\nc\n"), "a\rb\rc\n")


if __name__ == "__main__":
    unittest.main()
