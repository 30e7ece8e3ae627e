#!/usr/bin/env bash
# Like the public 0.x image: uvicorn chromadb.app:app on CHROMA_HOST_ADDR:CHROMA_HOST_PORT.
set -euo pipefail
if [[ -n ${CHROMA_SERVER_AUTHN_CREDENTIALS_FILE:-} && -z ${CHROMA_SERVER_AUTHN_CREDENTIALS:-} ]]; then
	CHROMA_SERVER_AUTHN_CREDENTIALS=$(<"$CHROMA_SERVER_AUTHN_CREDENTIALS_FILE")
	export CHROMA_SERVER_AUTHN_CREDENTIALS
	unset CHROMA_SERVER_AUTHN_CREDENTIALS_FILE
fi
exec uvicorn chromadb.app:app --workers 1 --host "$CHROMA_HOST_ADDR" --port "$CHROMA_HOST_PORT" \
	--proxy-headers --timeout-keep-alive "${CHROMA_TIMEOUT_KEEP_ALIVE:-30}" "$@"
