import logging

logger = logging.getLogger("app")


def lambda_handler(event, context):
    logger.debug("a debug message")
    logger.info("an info message", extra={"orderId": "1234"})
    logger.warning("a warning message")
    logger.error("an error message")
    try:
        1 / 0
    except ZeroDivisionError:
        logger.exception("an exception")
    print("a print line stays plain text")
    return "logged"
