#!/usr/bin/env bash
# PDF monitor benchmark: inbox-to-searchable latency per corpus paper on a real monitor
# (default scan interval and stable-for, offline analyzer, PostgreSQL vector store), where
# that time goes stage by stage, and, in the same run, the throughput of text + metadata +
# references + note against bare PDFBox and of the embedding stage against the bare model.
# Runs IngestBenchmark (pdf-monitor tests, JUnit tag "benchmark", which the build skips)
# in a JVM with the PDF monitor's own options.
#   bench/ingest.sh            writes bench/results/ingest.md (about 2 minutes)
# Test servers: when THOTH_TEST_POSTGRES_URL is set (their env file sourced), those are
# used and left running; otherwise scripts/test-services starts them, and stops them on
# exit if this script started them.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/java.sh
source "$ROOT/scripts/lib/java.sh"
thoth_require_java || exit 1
OUT=$ROOT/bench/results/ingest.md

# shellcheck source=scripts/lib/bench.sh
source "$ROOT/scripts/lib/bench.sh"
thoth_bench_test_services "$ROOT"

cd "$ROOT"
mkdir -p bench/.work
LOG=bench/.work/ingest-maven.log
# -am compiles the modules the monitor depends on; only IngestBenchmark runs, in a JVM
# with the options ./thoth gives the PDF monitor (THOTH_JAVA_OPTS replaces them).
./mvnw -B -pl pdf-monitor -am test -Dtest=IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
	-Dsurefire.excludedGroups= -DargLine="${THOTH_JAVA_OPTS:-$THOTH_PDF_MONITOR_DEFAULT_JAVA_OPTS}" >"$LOG" 2>&1 || {
	tail -n 60 "$LOG" >&2
	echo "the benchmark failed; full output in $LOG" >&2
	exit 1
}
cat "$OUT"
