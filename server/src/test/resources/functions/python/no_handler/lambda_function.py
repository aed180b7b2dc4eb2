def handler(event, context):
    return "this function is not named lambda_handler"
