def lambda_handler(event, context):
    return {"values": {1, 2, 3}}
