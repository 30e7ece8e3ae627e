#!/usr/bin/env bash
# Writes docker/<module>/Dockerfile for the six services from one template, so that
# their build stage is the same text (the layer cache then builds the reactor once).
# Run it after editing the template; the stack test checks the files are up to date.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# module port title extra-packages
SERVICES=(
	"api-service 8000 Thoth API service -"
	"mcp-service 8001 Thoth MCP service -"
	"discovery-service 8004 Thoth discovery service -"
	"agent-service 8005 Thoth agent service -"
	"pdf-monitor 8006 Thoth PDF monitor tesseract-ocr,tesseract-ocr-eng"
	"gateway 8080 Thoth gateway -"
)
for line in "${SERVICES[@]}"; do
	read -r module port rest <<<"$line"
	packages=${rest##* }
	title=${rest% *}
	if [[ $packages == - ]]; then
		install_step=""
	else
		install_step="RUN apt-get update \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages//,/ } \\
 && rm -rf /var/lib/apt/lists/*"
	fi
	mkdir -p "$ROOT/docker/$module"
	MODULE=$module PORT=$port TITLE=$title INSTALL_STEP=$install_step \
		perl -pe 's/\$\{(MODULE|PORT|TITLE|INSTALL_STEP)\}/$ENV{$1}/g' "$HERE/Dockerfile.template" \
		| cat -s >"$ROOT/docker/$module/Dockerfile"
done
