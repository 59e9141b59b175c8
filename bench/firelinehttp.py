"""HTTP helpers the bench scripts share (standard library only)."""
import datetime
import urllib.error
import urllib.request


def request(url, method="GET", body=None, headers=None, timeout=30):
    """(status, headers, body bytes); an HTTP error status is an answer, not an exception."""
    data = None if body is None else body.encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def parse_instant(text):
    """Fireline's timestamps: ISO-8601 UTC, e.g. 2026-11-22T11:43:39.605461Z, as epoch seconds."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
