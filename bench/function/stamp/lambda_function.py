# bench/run's mapping scenario function (Python 3.11, Outlet's managed runtime). Each SQS record's
# body is "TAG I SENT_US": the driver's wall clock at send, in microseconds since the epoch. For
# each record it prints "MAPLAT TAG I SENT_US START_US", START_US being this handler's start on the
# same clock (same host), one line per record; the driver reads the lines back with
# FilterLogEvents. The driver's direct invokes send the same event shape.
import time


def lambda_handler(event, context):
    start = time.time_ns() // 1000
    for record in event.get("Records", ()):
        print("MAPLAT %s %d" % (record["body"], start))
    return {}
