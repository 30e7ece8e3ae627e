#!/usr/bin/env bash
# Soak: the whole suite under DURATION seconds of mixed traffic through the gateway, on the
# defaults of ./thoth up (embedded PostgreSQL, default heaps: no THOTH_JAVA_OPTS), with the
# memory of every service sampled over time. Starts Thoth with a private state dir,
# workspace and free ports, uploads the real corpus (../shared/corpus: pdfs/ and
# wide/pdfs/) and waits until it is READY, runs bench/soak.py (load driver and sampler),
# and stops Thoth again. Targets: 0 × 5xx, 0 restarts, memory that levels off.
#   bench/soak.sh            writes bench/results/soak.md (about 40 minutes)
# Settings: DURATION (1800 s), CLIENTS (6), RATE (12 requests/s, all clients together),
# WRITE_EVERY (600 s) and WRITE_BURST (90 s): when the tag writes, UPLOADS (3) uploads and
# the deletes happen; SAMPLE_EVERY (15 s), GC_EVERY (150 s: a forced full GC before a
# sample; 0 never), CORPUS (../shared/corpus). The jars are built only when missing.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib/java.sh
source "$ROOT/scripts/lib/java.sh"
thoth_require_java || exit 1
OUT=$ROOT/bench/results/soak.md
DURATION=${DURATION:-1800}
CLIENTS=${CLIENTS:-6}
RATE=${RATE:-12}
WRITE_EVERY=${WRITE_EVERY:-600}
WRITE_BURST=${WRITE_BURST:-90}
UPLOADS=${UPLOADS:-3}
SAMPLE_EVERY=${SAMPLE_EVERY:-15}
GC_EVERY=${GC_EVERY:-150}
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
[[ -d $CORPUS/pdfs && -d $CORPUS/wide/pdfs ]] || {
	echo "bench/soak.sh: no corpus at $CORPUS (pdfs/ and wide/pdfs/); set CORPUS" >&2
	exit 1
}
SERVICES=(api mcp discovery agent pdf-monitor gateway)
declare -A MODULE=([api]=api-service [mcp]=mcp-service [discovery]=discovery-service [agent]=agent-service
	[pdf-monitor]=pdf-monitor [gateway]=gateway)
declare -A PORT_VAR=([api]=THOTH_API_PORT [mcp]=THOTH_MCP_PORT [discovery]=THOTH_DISCOVERY_PORT
	[agent]=THOTH_AGENT_PORT [pdf-monitor]=THOTH_PDF_MONITOR_PORT [gateway]=THOTH_GATEWAY_PORT)

missing=()
for svc in "${SERVICES[@]}"; do
	[[ -f $ROOT/${MODULE[$svc]}/target/${MODULE[$svc]}-exec.jar ]] || missing+=("${MODULE[$svc]}")
done
if ((${#missing[@]})); then
	echo "bench/soak.sh: building ${missing[*]}" >&2
	modules=$(IFS=,; echo "${missing[*]}")
	./mvnw -B -q -pl "$modules" -am -DskipTests package
fi

# A private Thoth: its own state, workspace and ports; the defaults otherwise. The AOT
# cache (which ./thoth keeps in the state dir) is carried over from the last soak run, so
# that runs after the first start as a user's second ./thoth up does.
WORK=$(mktemp -d /tmp/thoth-soak.XXXXXX)
KEEP=$ROOT/bench/.work/soak
mkdir -p "$KEEP"
export THOTH_STATE_DIR=$WORK/state THOTH_WORKSPACE_DIR=$WORK/workspace THOTH_SKIP_BUILD=1
mkdir -p "$THOTH_STATE_DIR"
unset THOTH_JAVA_OPTS THOTH_DATABASE_URL THOTH_REDIS_URL THOTH_CHROMADB_URL THOTH_LETTA_URL THOTH_LLM_PROVIDER \
	THOTH_API_SECRET_KEY THOTH_API_SECRET_KEY_FILE THOTH_API_URL THOTH_MCP_URL THOTH_DISCOVERY_URL THOTH_AGENT_URL \
	THOTH_PDF_MONITOR_URL THOTH_GATEWAY_URL
for svc in "${SERVICES[@]}"; do
	own=THOTH_${svc^^}_JAVA_OPTS
	unset "${own//-/_}"
done
# The suite's one departure from the defaults: no per-client rate limit (600 a minute).
export THOTH_RATE_LIMIT_PER_MINUTE=0
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ports=()
for svc in "${SERVICES[@]}"; do
	port=$(free_port)
	export "${PORT_VAR[$svc]}=$port"
	ports+=("$svc=$port")
done
THOTH_EMBEDDED_DB_PORT=$(free_port)
export THOTH_EMBEDDED_DB_PORT
if [[ -d $KEEP/aot ]]; then
	cp -a "$KEEP/apps" "$KEEP/aot" "$THOTH_STATE_DIR/"
fi

stop() {
	./thoth down >"$WORK/down.log" 2>&1 || cat "$WORK/down.log" >&2
	# Keep the AOT cache for the next run, and the logs of this one.
	if [[ -d $THOTH_STATE_DIR/aot ]] && compgen -G "$THOTH_STATE_DIR/aot/*.aot" >/dev/null; then
		rm -rf "$KEEP/apps" "$KEEP/aot"
		cp -a "$THOTH_STATE_DIR/apps" "$THOTH_STATE_DIR/aot" "$KEEP/"
	fi
	rm -rf "$KEEP/logs" && cp -a "$THOTH_STATE_DIR/logs" "$KEEP/logs" 2>/dev/null || true
	# As root the embedded database lives outside the state dir (./thoth relocates it).
	if [[ -s $THOTH_STATE_DIR/postgres-home ]]; then
		rm -rf "$(<"$THOTH_STATE_DIR/postgres-home")"
	fi
	rm -rf "$WORK"
}
trap stop EXIT

./thoth up >"$WORK/up.log" 2>&1 || {
	cat "$WORK/up.log" >&2
	exit 1
}
cp "$WORK/up.log" "$KEEP/up.log"

# shellcheck disable=SC2016 # expanded by the shell soak.py starts
chunks_command='PGPASSWORD=$(cat "$THOTH_STATE_DIR/db-password") psql -h 127.0.0.1 -p "$THOTH_EMBEDDED_DB_PORT" -U thoth -d thoth -tAc "select count(*) from paper_chunks"'
setup=$(python3 -c 'import json, sys; print(json.dumps(dict(zip(["date", "memory", "java"], sys.argv[1:]))))' \
	"$(date -u '+%Y-%m-%d %H:%M UTC')" "$(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo)" \
	"$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)")

python3 "$ROOT/bench/soak.py" --port "$THOTH_GATEWAY_PORT" --key-file "$THOTH_STATE_DIR/api-key" \
	--state "$THOTH_STATE_DIR" --ports "$(IFS=,; echo "${ports[*]}")" --corpus "$CORPUS/pdfs" "$CORPUS/wide/pdfs" \
	--duration "$DURATION" --clients "$CLIENTS" --rate "$RATE" --write-every "$WRITE_EVERY" \
	--write-burst "$WRITE_BURST" --uploads "$UPLOADS" \
	--sample-every "$SAMPLE_EVERY" --gc-every "$GC_EVERY" --jcmd "$JAVA_HOME/bin/jcmd" \
	--chunks-command "$chunks_command" --setup "$setup" --samples "$KEEP/samples.jsonl" --out "$OUT"
