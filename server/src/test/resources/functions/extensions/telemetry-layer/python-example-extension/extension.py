#!/usr/bin/env python3
# An external extension written the way AWS's samples write one: register for INVOKE and SHUTDOWN,
# subscribe to the Telemetry API with a listener on sandbox.localdomain, then loop on event/next.
# What it sees goes to /tmp (the function reads it back) and to its log lines.
import json
import os
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

LAMBDA_EXTENSION_NAME = Path(__file__).parent.name
API = os.environ["AWS_LAMBDA_RUNTIME_API"]
LISTENER_PORT = 4243


def call(method, path, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://{API}{path}", data=data, headers=headers or {}, method=method)
    with urllib.request.urlopen(req) as response:
        return response.headers, response.read()


def append(path, text):
    # the function reads these files while this extension writes them: replace the file whole
    # (a new one renamed over it), so a read never meets half a line
    try:
        with open(path) as f:
            text = f.read() + text
    except FileNotFoundError:
        pass
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


class TelemetryHandler(BaseHTTPRequestHandler):
    target = "/tmp/telemetry.jsonl"

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        batch = json.loads(self.rfile.read(length))
        append(self.target, "".join(json.dumps(event) + "\n" for event in batch))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class LogsHandler(TelemetryHandler):
    target = "/tmp/logs-api.jsonl"


def main():
    print(f"[{LAMBDA_EXTENSION_NAME}] Registering...", flush=True)
    headers, body = call(
        "POST",
        "/2020-01-01/extension/register",
        {"events": ["INVOKE", "SHUTDOWN"]},
        {"Lambda-Extension-Name": LAMBDA_EXTENSION_NAME},
    )
    extension_id = headers["Lambda-Extension-Identifier"]
    with open("/tmp/register.json", "w") as f:
        f.write(body.decode())
    print(f"[{LAMBDA_EXTENSION_NAME}] Registered with ID: {extension_id}", flush=True)

    server = HTTPServer(("sandbox.localdomain", LISTENER_PORT), TelemetryHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    call(
        "PUT",
        "/2022-07-01/telemetry",
        {
            "schemaVersion": "2022-12-13",
            "destination": {"protocol": "HTTP", "URI": f"http://sandbox.localdomain:{LISTENER_PORT}"},
            "types": ["platform", "function"],
            "buffering": {"maxItems": 1000, "maxBytes": 262144, "timeoutMs": 25},
        },
        {"Lambda-Extension-Identifier": extension_id},
    )

    # the older Logs API, which many extensions still use
    logs = HTTPServer(("sandbox.localdomain", LISTENER_PORT + 1), LogsHandler)
    threading.Thread(target=logs.serve_forever, daemon=True).start()
    call(
        "PUT",
        "/2020-08-15/logs",
        {
            "destination": {"protocol": "HTTP", "URI": f"http://sandbox.localdomain:{LISTENER_PORT + 1}"},
            "types": ["platform", "function"],
            "buffering": {"maxItems": 1000, "maxBytes": 262144, "timeoutMs": 25},
        },
        {"Lambda-Extension-Identifier": extension_id},
    )

    while True:
        _, body = call(
            "GET", "/2020-01-01/extension/event/next", headers={"Lambda-Extension-Identifier": extension_id}
        )
        event = json.loads(body)
        append("/tmp/ext-events.jsonl", json.dumps(event) + "\n")
        if event["eventType"] == "SHUTDOWN":
            print(f"[{LAMBDA_EXTENSION_NAME}] Received SHUTDOWN, reason {event['shutdownReason']}", flush=True)
            sys.exit(0)
        print(f"[{LAMBDA_EXTENSION_NAME}] Received INVOKE {event['requestId']}", flush=True)
        time.sleep(0.3)  # work after the function answered: the REPORT waits for it
        print(f"[{LAMBDA_EXTENSION_NAME}] Done with {event['requestId']}", flush=True)


if __name__ == "__main__":
    main()
