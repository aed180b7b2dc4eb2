def check(value):
    if value is None:
        raise ValueError("value is required")
    return value


def lambda_handler(event, context):
    print("about to fail")
    return check(event.get("value"))
