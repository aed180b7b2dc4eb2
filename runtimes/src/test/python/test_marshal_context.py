"""Events and results as JSON, and the context object."""

import decimal
import json
import math
import time
import unittest
import unittest.mock

import rtsupport  # noqa: F401
import outlet_invoke as inv
from outlet_runtime import Fault


class MarshalTest(unittest.TestCase):
    def setUp(self):
        self.loads, self.dumps = inv.make_marshaller("AWS_Lambda_python3.11")

    def test_separators_as_json_dumps(self):
        self.assertEqual(self.dumps({"statusCode": 200, "body": [1, 2.5, None, True]}),
                         '{"statusCode": 200, "body": [1, 2.5, null, true]}')

    def test_scalars(self):
        self.assertEqual(self.dumps(None), "null")
        self.assertEqual(self.dumps("text"), '"text"')
        self.assertEqual(self.dumps(3), "3")

    def test_decimal_is_written_as_its_number(self):
        self.assertEqual(self.dumps({"pi": decimal.Decimal("3.14159")}), '{"pi": 3.14159}')
        self.assertEqual(
            self.dumps([decimal.Decimal("1.10"), "a", decimal.Decimal("-0"), {"n": decimal.Decimal("1E+2")}]),
            '[1.10, "a", -0, {"n": 1E+2}]',
        )
        self.assertEqual(self.dumps(decimal.Decimal("12345678901234567890.123456789")),
                         "12345678901234567890.123456789")

    def test_decimal_nan_is_nan(self):
        self.assertEqual(self.dumps({"pi": decimal.Decimal("nan")}), '{"pi": NaN}')
        self.assertEqual(self.dumps({"pi": decimal.Decimal("-nan")}), '{"pi": NaN}')

    def test_float_specials_as_json_module(self):
        self.assertEqual(self.dumps([math.inf, -math.inf, math.nan]), "[Infinity, -Infinity, NaN]")

    def test_bytes_inside_a_result_are_text(self):
        self.assertEqual(self.dumps({"b": b"abc"}), '{"b": "abc"}')

    def test_ascii_escaped_up_to_python311(self):
        self.assertEqual(self.dumps({"price": "\u00a31.00"}), '{"price": "\\u00a31.00"}')

    def test_unicode_kept_from_python312(self):
        for env in ("AWS_Lambda_python3.12", "AWS_Lambda_python3.13", "AWS_Lambda_python3.14"):
            dumps = inv.make_marshaller(env)[1]
            self.assertEqual(dumps({"price": "\u00a31.00"}), '{"price": "\u00a31.00"}')

    def test_set_is_not_serializable(self):
        with self.assertRaises(TypeError) as cm:
            self.dumps({"values": {1, 2}})
        self.assertEqual(str(cm.exception), "Object of type set is not JSON serializable")

    def test_circular(self):
        a = []
        a.append(a)
        with self.assertRaises(ValueError):
            self.dumps(a)

    def test_a_string_like_the_marker_stays_a_string(self):
        self.assertEqual(self.dumps(["\x00outlet-decimal-\x00", decimal.Decimal("1")]),
                         '["\\u0000outlet-decimal-\\u0000", 1]')

    def test_loads(self):
        self.assertEqual(self.loads(b'{"a": [1, 2.5, "\xc3\xa9"]}'), {"a": [1, 2.5, "\u00e9"]})
        with self.assertRaises(ValueError) as cm:
            self.loads(b"not json")
        self.assertEqual(str(cm.exception), "Expecting value: line 1 column 1 (char 0)")


class ContextTest(unittest.TestCase):
    def setUp(self):
        self.loads = json.loads
        self.env = {
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/f",
            "AWS_LAMBDA_LOG_STREAM_NAME": "2024/05/01/[$LATEST]abc",
            "AWS_LAMBDA_FUNCTION_NAME": "f",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        }

    def context(self, **headers):
        h = {
            "lambda-runtime-aws-request-id": "rid",
            "lambda-runtime-deadline-ms": str(int(time.time() * 1000) + 5000),
            "lambda-runtime-invoked-function-arn": "arn:aws:lambda:us-east-1:123456789012:function:f",
        }
        h.update(headers)
        with unittest.mock.patch.dict("os.environ", self.env):
            return inv.make_context(h, self.loads)

    def test_fields(self):
        c = self.context()
        self.assertEqual(c.aws_request_id, "rid")
        self.assertEqual(c.function_name, "f")
        self.assertEqual(c.function_version, "$LATEST")
        self.assertEqual(c.memory_limit_in_mb, "256")  # a string, as on Lambda
        self.assertEqual(c.log_group_name, "/aws/lambda/f")
        self.assertEqual(c.log_stream_name, "2024/05/01/[$LATEST]abc")
        self.assertEqual(c.invoked_function_arn, "arn:aws:lambda:us-east-1:123456789012:function:f")
        self.assertIsNone(c.client_context)
        self.assertIsNone(c.identity.cognito_identity_id)
        self.assertIsNone(c.identity.cognito_identity_pool_id)
        self.assertIsNone(c.tenant_id)
        self.assertTrue(4000 < c.get_remaining_time_in_millis() <= 5000)

    def test_remaining_time_never_negative(self):
        c = self.context(**{"lambda-runtime-deadline-ms": "1000"})
        self.assertEqual(c.get_remaining_time_in_millis(), 0)

    def test_client_context(self):
        cc = {"client": {"installation_id": "i", "app_title": "t", "app_version_name": "1.0",
                         "app_version_code": "1", "app_package_name": "p"},
              "custom": {"k": "v"}, "env": {"locale": "en"}}
        c = self.context(**{"lambda-runtime-client-context": json.dumps(cc)})
        self.assertEqual(c.client_context.custom, {"k": "v"})
        self.assertEqual(c.client_context.env, {"locale": "en"})
        self.assertEqual(c.client_context.client.installation_id, "i")
        self.assertEqual(c.client_context.client.app_title, "t")
        self.assertEqual(c.client_context.client.app_version_name, "1.0")
        self.assertEqual(c.client_context.client.app_version_code, "1")
        self.assertEqual(c.client_context.client.app_package_name, "p")

    def test_client_context_without_client(self):
        c = self.context(**{"lambda-runtime-client-context": '{"custom": {"a": 1}}'})
        self.assertIsNone(c.client_context.client)
        self.assertIsNone(c.client_context.env)

    def test_w3c_is_taken_out_of_the_client_context(self):
        c = self.context(**{"lambda-runtime-client-context":
                            '{"custom": {}, "w3c": {"traceparent": "00-a-b-01", "other": "x", "baggage": 1}}'})
        self.assertEqual(c.w3c(), {"traceparent": "00-a-b-01"})
        self.assertFalse(hasattr(c.client_context, "w3c"))

    def test_cognito_identity(self):
        c = self.context(**{"lambda-runtime-cognito-identity":
                            '{"cognitoIdentityId": "id-1", "cognitoIdentityPoolId": "pool-1"}'})
        self.assertEqual(c.identity.cognito_identity_id, "id-1")
        self.assertEqual(c.identity.cognito_identity_pool_id, "pool-1")

    def test_bad_client_context(self):
        with self.assertRaises(Fault) as cm:
            self.context(**{"lambda-runtime-client-context": "not json"})
        self.assertEqual(cm.exception.error_type, "Runtime.LambdaContextUnmarshalError")
        self.assertEqual(cm.exception.message,
                         "Unable to parse Client Context JSON: Expecting value: line 1 column 1 (char 0)")

    def test_bad_cognito_identity(self):
        with self.assertRaises(Fault) as cm:
            self.context(**{"lambda-runtime-cognito-identity": "{"})
        self.assertTrue(cm.exception.message.startswith("Unable to parse Cognito Identity JSON: "))

    def test_tenant(self):
        self.assertEqual(self.context(**{"lambda-runtime-aws-tenant-id": "t1"}).tenant_id, "t1")

    def test_repr(self):
        r = repr(self.context())
        self.assertTrue(r.startswith("LambdaContext([aws_request_id=rid,log_group_name=/aws/lambda/f,"), r)
        self.assertIn("identity=CognitoIdentity([cognito_identity_id=None,cognito_identity_pool_id=None])", r)


if __name__ == "__main__":
    unittest.main()
