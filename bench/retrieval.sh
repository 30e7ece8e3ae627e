#!/usr/bin/env bash
# Search quality benchmark: nDCG@10 and recall@10 of lexical, semantic and hybrid search
# over the corpus papers, for the labelled queries in
# api-service/src/test/resources/retrieval/queries.json, through a real API service on a
# fresh PostgreSQL database (PostgreSQL vector store, in-process embedding model).
# Runs RetrievalQualityBenchmark (api-service tests, JUnit tag "benchmark", which the build
# skips).
#   bench/retrieval.sh                writes bench/results/retrieval-quality.md (about 1 minute)
#   bench/retrieval.sh --labels-only  only checks that every label is held by some chunk
# Test servers: when THOTH_TEST_POSTGRES_URL is set (their env file sourced), those are
# used and left running; otherwise scripts/test-services starts them, and stops them on
# exit if this script started them.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/java.sh
source "$ROOT/scripts/lib/java.sh"
thoth_require_java || exit 1
OUT=$ROOT/bench/results/retrieval-quality.md
LABELS_ONLY=false
if [[ ${1:-} == --labels-only ]]; then
	LABELS_ONLY=true
fi

# shellcheck source=scripts/lib/bench.sh
source "$ROOT/scripts/lib/bench.sh"
thoth_bench_test_services "$ROOT"

cd "$ROOT"
mkdir -p bench/.work
LOG=bench/.work/retrieval-maven.log
./mvnw -B -pl api-service -am test -Dtest=RetrievalQualityBenchmark \
	-Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.excludedGroups= \
	-Dthoth.bench.labels-only="$LABELS_ONLY" >"$LOG" 2>&1 || {
	tail -n 60 "$LOG" >&2
	echo "the benchmark failed; full output in $LOG" >&2
	exit 1
}
if [[ $LABELS_ONLY == true ]]; then
	grep -h '^Labels:' api-service/target/surefire-reports/*RetrievalQualityBenchmark-output.txt 2>/dev/null ||
		grep '^Labels:' "$LOG"
else
	cat "$OUT"
fi
