def lambda_handler(event, context)
    return {"never": "reached"}
