"""Handler strings and handler loading, with AWS's error types and messages."""

import importlib
import os
import shutil
import sys
import unittest

import rtsupport
import outlet_runtime as rt
from outlet_runtime import Fault


class SplitHandlerTest(unittest.TestCase):
    def test_module_and_function(self):
        self.assertEqual(rt.split_handler("lambda_function.lambda_handler"),
                         ("lambda_function", "lambda_handler"))

    def test_dotted_package(self):
        self.assertEqual(rt.split_handler("pkg.app.handler"), ("pkg.app", "handler"))

    def test_slash_path(self):
        self.assertEqual(rt.split_handler("src/app.handler"), ("src/app", "handler"))

    def test_no_dot_is_malformed(self):
        with self.assertRaises(Fault) as cm:
            rt.split_handler("lambda_function")
        self.assertEqual(cm.exception.error_type, "Runtime.MalformedHandlerName")
        self.assertEqual(
            cm.exception.message,
            "Bad handler 'lambda_function': not enough values to unpack (expected 2, got 1)",
        )


class LoadHandlerTest(unittest.TestCase):
    def setUp(self):
        self.root = rtsupport.write_function(
            {
                "lambda_function.py": "def lambda_handler(event, context):\n    return 'ok'\n",
                "pkg/__init__.py": "",
                "pkg/app.py": "from .sub.deep import VALUE\n\ndef handler(e, c):\n    return VALUE\n",
                "pkg/sub/__init__.py": "",
                "pkg/sub/deep.py": "VALUE = 'deep'\n",
                "src/plain_dir_module.py": "def handler(e, c):\n    return 'from a folder'\n",
                "broken_syntax.py": "def lambda_handler(event, context)\n    return 1\n",
                "missing_import.py": "import no_such_module_anywhere\n",
                "raises_at_import.py": "raise RuntimeError('init failed')\n",
                "nested_import_error.py": "from pkg.app import nothing_like_this\n",
                "no_function.py": "def other(e, c):\n    return 1\n",
            }
        )
        sys.path.insert(0, self.root)
        importlib.invalidate_caches()

    def tearDown(self):
        sys.path.remove(self.root)
        for name in list(sys.modules):
            if name.split(".")[0] in (
                "lambda_function", "pkg", "src", "broken_syntax", "missing_import",
                "raises_at_import", "nested_import_error", "no_function",
            ):
                del sys.modules[name]
        shutil.rmtree(self.root)

    def fault(self, handler):
        with self.assertRaises(Fault) as cm:
            rt.load_handler(handler)
        return cm.exception

    def test_plain_module(self):
        self.assertEqual(rt.load_handler("lambda_function.lambda_handler")(None, None), "ok")

    def test_dotted_nested_package(self):
        self.assertEqual(rt.load_handler("pkg.app.handler")(None, None), "deep")

    def test_slash_form_of_a_package(self):
        self.assertEqual(rt.load_handler("pkg/app.handler")(None, None), "deep")

    def test_slash_form_of_a_plain_folder(self):
        self.assertEqual(rt.load_handler("src/plain_dir_module.handler")(None, None), "from a folder")

    def test_missing_module(self):
        f = self.fault("nothing_here.handler")
        self.assertEqual(f.error_type, "Runtime.ImportModuleError")
        self.assertEqual(f.message, "Unable to import module 'nothing_here': No module named 'nothing_here'")
        self.assertIsNone(f.trace)

    def test_module_importing_a_missing_module(self):
        f = self.fault("missing_import.handler")
        self.assertEqual(f.error_type, "Runtime.ImportModuleError")
        self.assertEqual(
            f.message,
            "Unable to import module 'missing_import': No module named 'no_such_module_anywhere'",
        )

    def test_import_error_of_a_name(self):
        f = self.fault("nested_import_error.handler")
        self.assertEqual(f.error_type, "Runtime.ImportModuleError")
        self.assertTrue(
            f.message.startswith(
                "Unable to import module 'nested_import_error': cannot import name 'nothing_like_this'"
            ),
            f.message,
        )

    def test_slash_form_keeps_the_slash_in_messages(self):
        f = self.fault("src/nothing.handler")
        self.assertEqual(f.message, "Unable to import module 'src/nothing': No module named 'src.nothing'")

    def test_syntax_error(self):
        f = self.fault("broken_syntax.lambda_handler")
        self.assertEqual(f.error_type, "Runtime.UserCodeSyntaxError")
        self.assertTrue(f.message.startswith("Syntax error in module 'broken_syntax': "), f.message)
        self.assertIn("(broken_syntax.py, line 1)", f.message)
        self.assertEqual(len(f.trace), 1)
        path = os.path.join(self.root, "broken_syntax.py")
        self.assertEqual(f.trace[0], '  File "%s" Line 1\n    def lambda_handler(event, context)\n' % path)

    def test_handler_missing(self):
        f = self.fault("no_function.lambda_handler")
        self.assertEqual(f.error_type, "Runtime.HandlerNotFound")
        self.assertEqual(f.message, "Handler 'lambda_handler' missing on module 'no_function'")

    def test_builtin_module_conflict(self):
        f = self.fault("sys.handler")
        self.assertEqual(f.error_type, "Runtime.BuiltInModuleConflict")
        self.assertEqual(f.message, "Cannot use built-in module sys as a handler module")

    def test_builtin_name_below_a_folder_is_no_conflict(self):
        # only the first part of the module name is compared with the built-in modules
        with self.assertRaises(Fault) as cm:
            rt.load_handler("folder/sys.handler")
        self.assertEqual(cm.exception.error_type, "Runtime.ImportModuleError")

    def test_module_raising_at_import_is_not_a_fault(self):
        with self.assertRaises(RuntimeError) as cm:
            rt.load_handler("raises_at_import.handler")
        self.assertEqual(str(cm.exception), "init failed")


class SysPathTest(unittest.TestCase):
    def test_lambda_order(self):
        path = rt.build_sys_path(
            ["/var/runtime", "/var/runtime", "/usr/lib/python311.zip", "/usr/lib/python3.11",
             "/usr/lib/python3.11/lib-dynload", "/var/task"],
            "/var/task", "/var/runtime", (3, 11),
        )
        self.assertEqual(
            path,
            ["/var/task", "/opt/python/lib/python3.11/site-packages", "/opt/python", "/var/runtime",
             "/usr/lib/python311.zip", "/usr/lib/python3.11", "/usr/lib/python3.11/lib-dynload"],
        )

    def test_declared_version(self):
        self.assertEqual(rt.declared_version("AWS_Lambda_python3.9"), (3, 9))
        self.assertEqual(rt.declared_version("AWS_Lambda_python3.13"), (3, 13))
        self.assertEqual(rt.declared_version("AWS_Lambda_nodejs20.x"), sys.version_info[:2])
        self.assertEqual(rt.declared_version(""), sys.version_info[:2])


if __name__ == "__main__":
    unittest.main()
