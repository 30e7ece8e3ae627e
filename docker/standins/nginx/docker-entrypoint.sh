#!/usr/bin/env bash
# The public nginx image's entrypoint contract: run /docker-entrypoint.d/*.sh (among
# them the envsubst of /etc/nginx/templates/**/*.template into /etc/nginx/conf.d/,
# replacing only variables that are set), then nginx.
set -euo pipefail
if [[ ${1:-} == nginx || ${1:-} == nginx-debug ]]; then
	for script in /docker-entrypoint.d/*.sh; do
		[[ -x $script ]] && "$script"
	done
fi
exec "$@"
