#!/usr/bin/env python3
"""A Twilio stand-in for load and fault benches: accepts SMS as Twilio's REST API does and keeps
them, so that a count of messages per number and body shows a page sent twice.

Usage: python3 bench/twilio_standin.py --port 0 [--account ACxxx] [--port-file FILE]

Implements what Fireline's worker calls (the Twilio Java SDK's requests):
  GET  /2010-04-01/Accounts/{sid}.json            the account check (status "active")
  POST /2010-04-01/Accounts/{sid}/Messages.json   send an SMS (form To, From, Body): 201 with a SID
  GET  /2010-04-01/Accounts/{sid}/Messages.json   list messages (To, From filters, newest first,
                                                  PageSize): how a worker whose answer was lost
                                                  finds out that Twilio did take the message
  POST /2010-04-01/Accounts/{sid}/Calls.json      a call: 201 with a SID (recorded, like an SMS)
and for the bench:
  GET  /__messages                                 every message taken: [{sid, to, body, at}]
No authentication is checked (the SDK signs with Basic auth; nothing here is secret).
"""
import argparse
import email.utils
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

messages = []
lock = threading.Lock()


def rfc2822(at):
    return email.utils.formatdate(at, usegmt=False).replace("-0000", "+0000")


def message_json(m, account):
    return {"sid": m["sid"], "account_sid": account, "to": m["to"], "from": m["from"],
            "body": m["body"], "status": "sent", "num_segments": "1", "direction": "outbound-api",
            "date_created": rfc2822(m["at"]), "date_updated": rfc2822(m["at"]),
            "date_sent": rfc2822(m["at"]), "uri": "/2010-04-01/Accounts/%s/Messages/%s.json" % (
                account, m["sid"])}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        parts = url.path.strip("/").split("/")
        if url.path == "/__messages":
            with lock:
                self.answer(200, [{"sid": m["sid"], "to": m["to"], "body": m["body"], "at": m["at"],
                                   "kind": m["kind"]} for m in messages])
            return
        if len(parts) == 3 and parts[2].endswith(".json"):
            account = parts[2][:-5]
            self.answer(200, {"sid": account, "status": "active", "friendly_name": "stand-in",
                              "type": "Full", "date_created": rfc2822(time.time()),
                              "date_updated": rfc2822(time.time())})
            return
        if len(parts) == 4 and parts[3] == "Messages.json":
            account = parts[2]
            to = query.get("To", [None])[0]
            size = int(query.get("PageSize", ["50"])[0])
            with lock:
                found = [m for m in reversed(messages)
                         if m["kind"] == "sms" and (to is None or m["to"] == to)][:size]
            path = url.path
            self.answer(200, {"messages": [message_json(m, account) for m in found], "page": 0,
                              "page_size": size, "start": 0, "end": max(0, len(found) - 1),
                              "uri": path, "first_page_uri": path, "next_page_uri": None,
                              "previous_page_uri": None})
            return
        self.answer(404, {"code": 20404, "message": "not found", "status": 404})

    def do_POST(self):
        url = urllib.parse.urlparse(self.path)
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        parts = url.path.strip("/").split("/")
        if len(parts) == 4 and parts[3] in ("Messages.json", "Calls.json"):
            account = parts[2]
            kind = "sms" if parts[3] == "Messages.json" else "voice"
            with lock:
                m = {"sid": ("SM" if kind == "sms" else "CA") + "%032x" % (len(messages) + 1),
                     "to": form.get("To", [""])[0], "from": form.get("From", [""])[0],
                     "body": form.get("Body", form.get("Twiml", [""]))[0], "at": time.time(),
                     "kind": kind}
                messages.append(m)
            payload = message_json(m, account)
            payload["status"] = "queued"
            self.answer(201, payload)
            return
        self.answer(404, {"code": 20404, "message": "not found", "status": 404})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    if args.port_file:
        with open(args.port_file, "w") as out:
            out.write(str(server.server_address[1]))
    print("Twilio stand-in on 127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
