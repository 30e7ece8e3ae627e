#!/usr/bin/env bash
# Start-up time to UP and idle resident memory for each service, as a table.
# Each service starts alone (so the others do not share its 2 cores), on the real
# PostgreSQL that scripts/test-services starts, first as a plain jar and then from the
# extracted layout with a JDK 25 AOT cache trained by one earlier run.
#   bench/startup.sh            writes bench/results/startup.md
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/java.sh
source "$ROOT/scripts/lib/java.sh"
thoth_require_java || exit 1
JAVA="$JAVA_HOME/bin/java"
WORK=$ROOT/bench/.work
OUT=$ROOT/bench/results/startup.md
IDLE_SECONDS=${IDLE_SECONDS:-12}
JAVA_OPTS=${THOTH_JAVA_OPTS:-$THOTH_DEFAULT_JAVA_OPTS}
declare -A MODULE_PORT=([api-service]=18100 [mcp-service]=18101 [discovery-service]=18104 [agent-service]=18105
	[pdf-monitor]=18106 [gateway]=18180)
MODULES=(api-service mcp-service discovery-service agent-service pdf-monitor gateway)

"$ROOT/scripts/test-services" start >/dev/null
# shellcheck disable=SC1090
source "$("$ROOT/scripts/test-services" env)"
trap '"$ROOT/scripts/test-services" stop >/dev/null 2>&1 || true' EXIT
for module in "${MODULES[@]}"; do
	[[ -f $ROOT/$module/target/$module-exec.jar ]] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }
done
rm -rf "$WORK" && mkdir -p "$WORK/ws"

now_ms() { date +%s%3N; }

# run MODULE LABEL JAVA-ARGS... -> prints "ms_to_up rss_mb"
run() {
	local module=$1 label=$2; shift 2
	local port=${MODULE_PORT[$module]} log=$WORK/$module-$label.log start pid deadline rss opts=$JAVA_OPTS
	# As ./thoth runs it: the PDF monitor has its own options.
	[[ $module == pdf-monitor && -z ${THOTH_JAVA_OPTS:-} ]] && opts=$THOTH_PDF_MONITOR_DEFAULT_JAVA_OPTS
	[[ $module == api-service && -z ${THOTH_JAVA_OPTS:-} ]] && opts=$THOTH_API_DEFAULT_JAVA_OPTS
	start=$(now_ms)
	# shellcheck disable=SC2086
	THOTH_DATABASE_URL=$THOTH_TEST_POSTGRES_URL THOTH_DATABASE_USER=$THOTH_TEST_POSTGRES_USER \
		THOTH_DATABASE_PASSWORD=$THOTH_TEST_POSTGRES_PASSWORD THOTH_WORKSPACE_DIR=$WORK/ws \
		THOTH_API_SECRET_KEY=bench-key-0123456789abcdef0123456789 \
		THOTH_API_PORT=$port THOTH_MCP_PORT=$port THOTH_DISCOVERY_PORT=$port THOTH_AGENT_PORT=$port \
		THOTH_PDF_MONITOR_PORT=$port THOTH_GATEWAY_PORT=$port \
		"$JAVA" $opts "$@" >"$log" 2>&1 &
	pid=$!
	deadline=$((start + 120000))
	until curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"status":"UP"'; do
		if ! kill -0 "$pid" 2>/dev/null || (($(now_ms) > deadline)); then
			echo "$module ($label) did not come UP; see $log" >&2
			kill "$pid" 2>/dev/null || true
			return 1
		fi
		sleep 0.05
	done
	local up=$(($(now_ms) - start))
	sleep "$IDLE_SECONDS"
	rss=$(awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$pid/status")
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	echo "$up $rss"
}

declare -A PLAIN AOT
for module in "${MODULES[@]}"; do
	jar=$ROOT/$module/target/$module-exec.jar
	PLAIN[$module]=$(run "$module" plain -jar "$jar")
	# The extracted layout is what CDS/AOT caches need (no nested jars).
	"$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$WORK/$module" >/dev/null
	run "$module" train -XX:AOTCacheOutput="$WORK/$module.aot" -jar "$WORK/$module/$module-exec.jar" >/dev/null
	AOT[$module]=$(run "$module" aot -XX:AOTCache="$WORK/$module.aot" -jar "$WORK/$module/$module-exec.jar")
done

{
	echo "# Start-up and idle memory"
	echo
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $("$JAVA" -version 2>&1 | head -1)."
	echo "Each service alone, on a real PostgreSQL; time from process start to /health UP; RSS after ${IDLE_SECONDS} s idle."
	echo "JVM options: \`$JAVA_OPTS\` (api-service: \`$THOTH_API_DEFAULT_JAVA_OPTS\`; pdf-monitor: \`$THOTH_PDF_MONITOR_DEFAULT_JAVA_OPTS\`). Targets: under 6 s and under 300 MB."
	echo
	echo "| service | start to UP, jar (s) | idle RSS, jar (MB) | start to UP, AOT cache (s) | idle RSS, AOT cache (MB) |"
	echo "|---|---:|---:|---:|---:|"
	for module in "${MODULES[@]}"; do
		read -r p_up p_rss <<<"${PLAIN[$module]}"
		read -r a_up a_rss <<<"${AOT[$module]}"
		printf '| %s | %.1f | %d | %.1f | %d |\n' "$module" "$(echo "$p_up/1000" | bc -l)" "$p_rss" \
			"$(echo "$a_up/1000" | bc -l)" "$a_rss"
	done
} >"$OUT"
cat "$OUT"
