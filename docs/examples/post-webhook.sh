#!/usr/bin/env bash
# Posts a file to Therapy Ops' webhook door, signed the Standard Webhooks way, with curl and openssl.
#   API=https://<api>  INTEGRATION_ID=int-...  SECRET=whsec_...  ./post-webhook.sh FILE [CONTENT_TYPE]
# CONTENT_TYPE defaults to application/edi-x12 (X12 999, 277CA, 835); use application/json for JSON events.
set -euo pipefail
file=${1:?usage: post-webhook.sh FILE [CONTENT_TYPE]}
content_type=${2:-application/edi-x12}
: "${API:?set API}" "${INTEGRATION_ID:?set INTEGRATION_ID}" "${SECRET:?set SECRET}"

id=${WEBHOOK_ID:-"msg_$(date +%s)_$$"}   # the same id on every retry of this delivery
ts=$(date +%s)
# The key is the base64 part of the secret; openssl wants it as hex.
key=$(printf '%s' "${SECRET#whsec_}" | base64 -d | od -An -v -tx1 | tr -d ' \n')
sig=$({ printf '%s.%s.' "$id" "$ts"; cat "$file"; } | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key" -binary | base64 | tr -d '\n')

curl -sS -X POST "$API/webhooks/$INTEGRATION_ID" \
  -H "webhook-id: $id" -H "webhook-timestamp: $ts" -H "webhook-signature: v1,$sig" \
  -H "Content-Type: $content_type" --data-binary "@$file" -w '\nHTTP %{http_code}\n'
