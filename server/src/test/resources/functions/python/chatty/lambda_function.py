def lambda_handler(event, context):
    # 10 MB of output in one invoke: 100,000 lines of 100 bytes (99 characters and a newline)
    lines = event.get("lines", 100000)
    for i in range(lines):
        print("line %09d " % i + "y" * 84)
    return {"lines": lines}
