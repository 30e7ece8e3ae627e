#!/usr/bin/env bash
# Passage benchmark: the shortest chunk and the share of chunks under 20 words over the 17
# papers of the shared corpus, before and after the text-layer fixes (running headers,
# footers and page numbers left out of the body; sections under the minimum length joined
# to a neighbour), both from the PDF monitor's own extraction in one run.
# Runs ChunkQualityBenchmark (pdf-monitor tests, JUnit tag "benchmark", which the build
# skips). No test servers: it reads PDFs only.
#   bench/chunks.sh            writes bench/results/chunks.md (under a minute)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/java.sh
source "$ROOT/scripts/lib/java.sh"
thoth_require_java || exit 1
OUT=$ROOT/bench/results/chunks.md

cd "$ROOT"
mkdir -p bench/.work
LOG=bench/.work/chunks-maven.log
./mvnw -B -pl pdf-monitor -am test -Dtest=ChunkQualityBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
	-Dsurefire.excludedGroups= >"$LOG" 2>&1 || {
	tail -n 60 "$LOG" >&2
	echo "the benchmark failed; full output in $LOG" >&2
	exit 1
}
cat "$OUT"
