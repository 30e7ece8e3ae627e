#!/usr/bin/env bash
# Search latency benchmark: p50/p95/p99 and throughput of GET /api/v1/search (lexical,
# semantic, hybrid; and hybrid answered from the cache) with 8 concurrent clients at 10k
# and 100k synthetic chunks, on a real API service with the PostgreSQL vector store, the
# growth from 10k to 100k, and where one uncached search spends its time.
# Runs SearchLatencyBenchmark (api-service tests, JUnit tag "benchmark", which the build
# skips) in a JVM with the API service's own options.
#   bench/search-latency.sh     writes bench/results/search-latency.md (about 10 minutes,
#                               most of it loading 100k chunks)
# Test servers: when THOTH_TEST_POSTGRES_URL is set (their env file sourced), those are
# used and left running; otherwise scripts/test-services starts them, and stops them on
# exit if this script started them.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/java.sh
source "$ROOT/scripts/lib/java.sh"
thoth_require_java || exit 1
OUT=$ROOT/bench/results/search-latency.md

# shellcheck source=scripts/lib/bench.sh
source "$ROOT/scripts/lib/bench.sh"
thoth_bench_test_services "$ROOT"

cd "$ROOT"
mkdir -p bench/.work
LOG=bench/.work/search-latency-maven.log
# The clients run in the same JVM as the service (virtual threads), with the options
# ./thoth gives the API service except the heap: 128 MB cannot hold the vector cache of
# 100k chunks (384 floats each, 150 MB), so the service needs more at that size.
# THOTH_JAVA_OPTS replaces them.
OPTS=${THOTH_JAVA_OPTS:-${THOTH_DEFAULT_JAVA_OPTS/-Xmx128m/-Xmx1g}}
./mvnw -B -pl api-service -am test -Dtest=SearchLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
	-Dsurefire.excludedGroups= -DargLine="$OPTS" >"$LOG" 2>&1 || {
	tail -n 60 "$LOG" >&2
	echo "the benchmark failed; full output in $LOG" >&2
	exit 1
}
cat "$OUT"
