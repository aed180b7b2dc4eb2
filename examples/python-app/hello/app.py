import json
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def lambda_handler(event, context):
    """An HTTP API (payload 2.0) handler."""
    logger.info("path %s", event.get("rawPath"))
    name = (event.get("queryStringParameters") or {}).get("name", "world")
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"message": "hello " + name, "path": event.get("rawPath")}),
    }
