def lambda_handler(event, context):
    print("the only line, printed right before returning")
    return "done"
