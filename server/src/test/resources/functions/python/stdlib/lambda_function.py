import json
import sqlite3
import urllib.request


def lambda_handler(event, context):
    # event: {"url": "http://HOST:PORT/..."} (a URL the test serves, where sandboxes reach it)
    with urllib.request.urlopen(event["url"], timeout=5) as response:
        fetched = response.read().decode("utf-8")
    db = sqlite3.connect("/tmp/stdlib.db")
    try:
        db.execute("CREATE TABLE IF NOT EXISTS hits (request_id TEXT)")
        db.execute("INSERT INTO hits VALUES (?)", (context.aws_request_id,))
        db.commit()
        hits = db.execute("SELECT COUNT(*) FROM hits").fetchone()[0]
    finally:
        db.close()
    return {"fetched": fetched, "hits": hits, "json": json.loads('{"ok": true}')}
