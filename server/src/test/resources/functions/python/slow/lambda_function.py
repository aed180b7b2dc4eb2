import time


def lambda_handler(event, context):
    # event: {"seconds": N}, more than the function's timeout
    print("sleeping %s seconds" % event["seconds"])
    time.sleep(event["seconds"])
    return "woke up"
