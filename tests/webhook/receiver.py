#!/usr/bin/env python3
"""receiver.py — a webhook receiver on loopback for the tests (t0128-t0131)
and the benchmark: it checks each post's Standard Webhooks signature with
Python's hmac, de-duplicates by webhook-id, and logs one JSON line a post.

    receiver.py DIR    serves on 127.0.0.1, a free port written to DIR/port

DIR/secrets holds the whsec_ secrets it accepts, one a line (re-read on
every post). DIR/mode, re-read on every post too, says how to answer:
"ok" (200, the default), "500", or "slow SECONDS" (wait, then 200).
DIR/log gets {"id", "timestamp", "verified", "duplicate", "status", "body"}
per post; DIR/count the number of distinct ids verified so far.
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIR = sys.argv[1]
seen = set()
lock = threading.Lock()


def read(name, default=""):
    try:
        with open(os.path.join(DIR, name), encoding="utf-8") as f:
            return f.read().strip()
    except FileNotFoundError:
        return default


def verified(msg_id, ts, body, header):
    """The spec's check: v1,<base64 HMAC-SHA256(secret bytes, id.ts.body)>,
    any of the space-separated signatures against any accepted secret."""
    given = [s.split(",", 1)[1] for s in header.split() if s.startswith("v1,")]
    for secret in read("secrets").split():
        if not secret.startswith("whsec_"):
            continue
        key = base64.b64decode(secret[len("whsec_"):])
        mac = hmac.new(key, msg_id.encode() + b"." + ts.encode() + b"." + body, hashlib.sha256).digest()
        want = base64.b64encode(mac).decode()
        if any(hmac.compare_digest(want, g) for g in given):
            return True
    return False


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        mode = read("mode", "ok").split()
        if mode and mode[0] == "slow":
            time.sleep(float(mode[1]))
        status = 500 if mode and mode[0] == "500" else 200
        msg_id = self.headers.get("webhook-id", "")
        ts = self.headers.get("webhook-timestamp", "")
        ok = verified(msg_id, ts, body, self.headers.get("webhook-signature", ""))
        with lock:
            dup = msg_id in seen
            if ok and status == 200:
                seen.add(msg_id)
            with open(os.path.join(DIR, "log"), "a", encoding="utf-8") as f:
                f.write(json.dumps({"id": msg_id, "timestamp": ts, "verified": ok, "duplicate": dup,
                                    "status": status, "body": body.decode("utf-8", "replace")}) + "\n")
            with open(os.path.join(DIR, "count.tmp"), "w") as f:
                f.write(str(len(seen)))
            os.replace(os.path.join(DIR, "count.tmp"), os.path.join(DIR, "count"))
        try:
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the sender gave up waiting (a timeout)

    def log_message(self, *args):
        pass


ThreadingHTTPServer.request_queue_size = 128  # parallel senders: no SYN dropped at a backlog of 5
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(os.path.join(DIR, "port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.replace(os.path.join(DIR, "port.tmp"), os.path.join(DIR, "port"))
server.serve_forever()
