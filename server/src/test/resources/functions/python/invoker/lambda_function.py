import json

import boto3
from botocore.exceptions import ClientError

# Created once per execution environment, as AWS's documentation recommends: the SDK finds the
# function's credentials (and, on Outlet, the endpoint) in the environment.
lambda_client = boto3.client("lambda")


def lambda_handler(event, context):
    try:
        response = lambda_client.invoke(
            FunctionName=event["target"],
            InvocationType="RequestResponse",
            Payload=json.dumps({"name": "from " + context.function_name}),
        )
        return {"ok": json.loads(response["Payload"].read())}
    except ClientError as e:
        return {"error": e.response["Error"]["Code"], "message": e.response["Error"]["Message"]}
