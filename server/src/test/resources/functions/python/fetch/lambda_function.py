import os
import urllib.error
import urllib.request


def lambda_handler(event, context):
    # A plain, unsigned HTTP request, as `curl` would make it from inside the function.
    url = os.environ["AWS_ENDPOINT_URL"] + event["path"]
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return {"status": response.status, "body": response.read().decode()}
    except urllib.error.HTTPError as e:
        return {"status": e.code, "body": e.read().decode()}
