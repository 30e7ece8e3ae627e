#!/usr/bin/env bash
# Like the public image: redis-server runs as the redis user; any other command (such as
# `sh -c` reading a secret first) runs as it is.
set -euo pipefail
if [[ ${1:-} == redis-server && $(id -u) == 0 ]]; then
	chown -R redis:redis /data 2>/dev/null || true
	exec setpriv --reuid=redis --regid=redis --init-groups "$@"
fi
exec "$@"
