#!/usr/bin/env bash
# The production stack on the Docker Engine, measured: image sizes, time from
# `docker-compose up` to every container healthy, idle memory per container (docker
# stats), and the latency nginx and the gateway add over calling an API replica
# directly (wrk from a container on each network, same stack, same run).
#   bench/stack.sh            writes bench/results/stack.md (images: scripts/stack-test builds them)
# Settings: DURATION (seconds per wrk run, 20), CONNECTIONS (4), IDLE_SECONDS (30).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
OUT=$ROOT/bench/results/stack.md
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-4}
IDLE_SECONDS=${IDLE_SECONDS:-30}
PROJECT=thothbench
FILES=(-f docker-compose.prod.yml -f docker/stack-test/docker-compose.test.yml)
WORK=$(mktemp -d /tmp/thoth-bench-stack.XXXXXX)

export THOTH_DATA_ROOT=$WORK/data THOTH_SECRETS_DIR=$WORK/secrets THOTH_NGINX_SSL_DIR=$WORK/ssl
export THOTH_HTTPS_PORT=${THOTH_STACK_TEST_HTTPS_PORT:-18443} THOTH_HTTP_PORT=${THOTH_STACK_TEST_HTTP_PORT:-18080}
export THOTH_LLM_PROVIDER=openai THOTH_LLM_BASE_URL=http://fake-llm:8080/v1 THOTH_LLM_MODEL=fake-model
# wrk sends far more than a person would: no rate limit for the measurement.
export THOTH_RATE_LIMIT_PER_MINUTE=0
export COMPOSE_HTTP_TIMEOUT=300
compose() { docker-compose -p "$PROJECT" "${FILES[@]}" "$@"; }
trap 'compose down -v --remove-orphans >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

scripts/container-engine start >/dev/null
for image in api-service mcp-service discovery-service agent-service pdf-monitor gateway nginx; do
	docker image inspect "thoth/$image:latest" >/dev/null 2>&1 || {
		echo "bench/stack.sh: image thoth/$image:latest is missing: run scripts/stack-test first" >&2
		exit 1
	}
done
if ! docker image inspect thoth/wrk:bench >/dev/null 2>&1; then
	printf 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends wrk && rm -rf /var/lib/apt/lists/*\nENTRYPOINT ["wrk"]\n' |
		DOCKER_BUILDKIT=1 /usr/bin/docker build -q -t thoth/wrk:bench - >/dev/null
fi

scripts/generate-secrets "$THOTH_SECRETS_DIR" >/dev/null
KEY=$(cat "$THOTH_SECRETS_DIR/api_secret_key.txt")
mkdir -p "$THOTH_NGINX_SSL_DIR"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext "subjectAltName=DNS:localhost,DNS:nginx,IP:127.0.0.1" \
	-keyout "$THOTH_NGINX_SSL_DIR/key.pem" -out "$THOTH_NGINX_SSL_DIR/cert.pem" >/dev/null 2>&1
chmod 644 "$THOTH_NGINX_SSL_DIR/key.pem"
for dir in postgres redis chromadb letta workspace prometheus grafana; do mkdir -p "$THOTH_DATA_ROOT/$dir"; done
chown 1000:1000 "$THOTH_DATA_ROOT/workspace"
chown 65534:65534 "$THOTH_DATA_ROOT/prometheus"
chown 472:0 "$THOTH_DATA_ROOT/grafana"

compose down -v --remove-orphans >/dev/null 2>&1 || true
start=$(date +%s%3N)
compose up -d --scale thoth-api=3 >"$WORK/up.log" 2>&1 || {
	cat "$WORK/up.log" >&2
	exit 1
}
while :; do
	pending=0
	for id in $(compose ps -q); do
		state=$(docker inspect -f '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$id")
		[[ $state == "running healthy" || $state == "running none" ]] || pending=$((pending + 1))
	done
	((pending == 0)) && break
	(($(date +%s%3N) - start > 600000)) && {
		echo "bench/stack.sh: not healthy within 600 s" >&2
		exit 1
	}
	sleep 1
done
healthy_ms=$(($(date +%s%3N) - start))
containers=$(compose ps -q | wc -l)

sleep "$IDLE_SECONDS"
mapfile -t ids < <(compose ps -q)
docker stats --no-stream --format '{{.Name}}|{{.MemUsage}}|{{.CPUPerc}}' "${ids[@]}" | sort >"$WORK/stats"

run_wrk() { # network url label
	docker run --rm --network "$1" thoth/wrk:bench -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency \
		-H "X-API-Key: $KEY" "$2" >"$WORK/wrk-$3.txt" 2>&1
}
# A warm-up of every path (the gateway's JIT too, or its run measures its warm-up), then
# the three paths.
run_wrk "${PROJECT}_backend" "http://thoth-api:8000/api/v1/papers?size=5" warmup >/dev/null
run_wrk "${PROJECT}_frontend" "http://thoth-gateway:8080/api/v1/papers?size=5" warmup >/dev/null
run_wrk "${PROJECT}_frontend" "https://nginx:443/api/v1/papers?size=5" warmup >/dev/null
run_wrk "${PROJECT}_backend" "http://thoth-api:8000/api/v1/papers?size=5" direct
run_wrk "${PROJECT}_frontend" "http://thoth-gateway:8080/api/v1/papers?size=5" gateway
run_wrk "${PROJECT}_frontend" "https://nginx:443/api/v1/papers?size=5" nginx

percentile() { awk -v p="$2" '$1==p {print $2}' "$WORK/wrk-$1.txt"; }
rate() { awk '/Requests\/sec/ {print $2}' "$WORK/wrk-$1.txt"; }
non2xx() { awk '/Non-2xx/ {n=$NF} END {print n+0}' "$WORK/wrk-$1.txt"; }
size_mb() { docker image inspect -f '{{.Size}}' "$1" | awk '{printf "%.0f", $1/1000/1000}'; }

{
	echo "# The production stack on Docker: sizes, start-up, memory, proxy latency"
	echo
	echo "Measured by \`bench/stack.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores (the stack itself the only load;"
	echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end), Docker $(docker version -f '{{.Server.Version}}'),"
	echo "\`docker-compose.prod.yml\` + the test override (fake model), \`--scale thoth-api=3\`,"
	echo "MCP, discovery and agent with the prod file's 2 replicas each, one gateway and one PDF monitor."
	echo
	echo "## Images"
	echo
	echo "| image | size (MB) |"
	echo "|---|---:|"
	for image in thoth/api-service thoth/mcp-service thoth/discovery-service thoth/agent-service thoth/pdf-monitor \
		thoth/gateway thoth/nginx; do
		echo "| \`$image:latest\` | $(size_mb "$image:latest") |"
	done
	echo
	echo "The service images share their base layers (Debian bookworm, about 150 MB here from"
	echo "debootstrap, and the jlinked Java runtime, about 68 MB); the rest is the service's jar"
	echo "(the API's and the PDF monitor's hold the embedding model; the PDF monitor adds Tesseract)."
	echo
	echo "## Start-up"
	echo
	echo "| measure | value |"
	echo "|---|---:|"
	echo "| \`docker-compose up -d\` to all $containers containers healthy | $((healthy_ms / 1000)).$(((healthy_ms % 1000) / 100)) s |"
	echo
	echo "## Idle memory (docker stats, ${IDLE_SECONDS} s after healthy)"
	echo
	echo "| container | memory used / limit | CPU |"
	echo "|---|---|---:|"
	while IFS='|' read -r name mem cpu; do echo "| $name | $mem | $cpu |"; done <"$WORK/stats"
	echo
	echo "## Latency added by the gateway and nginx"
	echo
	echo "\`GET /api/v1/papers?size=5\` with the key, wrk from a container (${CONNECTIONS} connections,"
	echo "${DURATION} s each, after a warm-up run of each path), the same stack in the same run:"
	echo
	echo "| path | p50 | p90 | p99 | requests/s | non-2xx |"
	echo "|---|---:|---:|---:|---:|---:|"
	for run in direct gateway nginx; do
		case $run in
		direct) label="direct to one API replica (backend network)" ;;
		gateway) label="gateway → API replicas (HTTP)" ;;
		nginx) label="nginx (HTTPS, HTTP/1.1) → gateway → API replicas" ;;
		esac
		echo "| $label | $(percentile $run 50%) | $(percentile $run 90%) | $(percentile $run 99%) | $(rate $run) | $(non2xx $run) |"
	done
} >"$OUT"
cat "$OUT"
