import threading
import time

ticks = []


def tick():
    while True:
        ticks.append(time.time())
        time.sleep(0.1)


def lambda_handler(event, context):
    # a non-daemon thread that never ends: the invoke must still complete, and the next one too
    thread = threading.Thread(target=tick, name="left-running")
    thread.start()
    return {
        "threads": sum(1 for t in threading.enumerate() if t.name == "left-running"),
        "ticks": len(ticks),
    }
