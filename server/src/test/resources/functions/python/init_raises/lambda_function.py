print("initializing")
raise RuntimeError("failed to initialize")


def lambda_handler(event, context):
    return "never reached"
