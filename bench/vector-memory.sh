#!/usr/bin/env bash
# The PostgreSQL vector store's memory: heap retained per passage, and the smallest heap
# (Serial collector, as the services run) that loads and reloads 10k, 30k and 60k
# synthetic passages on a real PostgreSQL. Runs VectorMemoryBenchmark (common/vectorstore
# tests, JUnit tag "benchmark", which the build skips).
#   bench/vector-memory.sh            writes bench/results/vector-memory.md (about 25 minutes on 2 cores)
# Test servers: when THOTH_TEST_POSTGRES_URL is set (their env file sourced), those are
# used and left running; otherwise scripts/test-services starts them, and stops them on
# exit if this script started them.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/java.sh
source "$ROOT/scripts/lib/java.sh"
thoth_require_java || exit 1
OUT=$ROOT/bench/results/vector-memory.md

# shellcheck source=scripts/lib/bench.sh
source "$ROOT/scripts/lib/bench.sh"
thoth_bench_test_services "$ROOT"

cd "$ROOT"
mkdir -p bench/.work
LOG=bench/.work/vector-memory-maven.log
# Its own JVM holds the test's Spring context; the probes it starts get their own -Xmx.
./mvnw -B -pl common/vectorstore -am test -Dtest=VectorMemoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
	-Dsurefire.excludedGroups= -DargLine="-XX:+UseSerialGC -Xmx1g" >"$LOG" 2>&1 || {
	tail -n 60 "$LOG" >&2
	echo "the benchmark failed; full output in $LOG" >&2
	exit 1
}
cat "$OUT"
