#!/usr/bin/env python3
"""Posts a file to Therapy Ops' webhook door, signed the Standard Webhooks way, with Python's standard library only.

    API=https://<api> INTEGRATION_ID=int-... SECRET=whsec_... python3 post_webhook.py FILE [CONTENT_TYPE]

CONTENT_TYPE defaults to application/edi-x12 (X12 999, 277CA, 835); use application/json for JSON events.
"""
import base64
import hashlib
import hmac
import os
import sys
import time
import urllib.error
import urllib.request


def sign(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    mac = hmac.new(key, f"{webhook_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def main() -> int:
    path = sys.argv[1]
    content_type = sys.argv[2] if len(sys.argv) > 2 else "application/edi-x12"
    api, integration, secret = os.environ["API"], os.environ["INTEGRATION_ID"], os.environ["SECRET"]
    with open(path, "rb") as f:
        body = f.read()
    webhook_id = os.environ.get("WEBHOOK_ID", f"msg_{time.time_ns()}")  # the same id on every retry of this delivery
    timestamp = int(time.time())
    request = urllib.request.Request(f"{api}/webhooks/{integration}", data=body, method="POST", headers={
        "webhook-id": webhook_id, "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, webhook_id, timestamp, body), "Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            print(response.read().decode())
            print("HTTP", response.status)
            return 0
    except urllib.error.HTTPError as e:
        print(e.read().decode())
        print("HTTP", e.code)
        return 1


if __name__ == "__main__":
    sys.exit(main())
