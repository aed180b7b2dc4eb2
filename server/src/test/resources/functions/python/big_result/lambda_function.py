def lambda_handler(event, context):
    # about 7 MB of JSON: above Lambda's 6 MB synchronous response limit
    size = event.get("bytes", 7 * 1024 * 1024)
    return {"data": "x" * size}
