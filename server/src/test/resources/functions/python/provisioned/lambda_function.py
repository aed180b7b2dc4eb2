import os
import time

# runs once per execution environment, during its init
STARTED = time.time()


def lambda_handler(event, context):
    time.sleep(event.get("seconds", 0))
    return {
        "initialization_type": os.environ["AWS_LAMBDA_INITIALIZATION_TYPE"],
        "version": context.function_version,
        "environment_age": time.time() - STARTED,
    }
