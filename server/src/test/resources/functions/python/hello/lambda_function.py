import json
import logging

logger = logging.getLogger()
logger.setLevel(logging.INFO)


def lambda_handler(event, context):
    name = event.get("name", "world")
    print("Hello from print, " + name)
    logger.info("Hello from logging, %s", name)
    return {
        "statusCode": 200,
        "body": json.dumps({"message": "Hello, " + name + "!"}),
    }
