#!/usr/bin/env bash
# Extraction benchmark: every metadata and reference field over the 17 papers of the shared
# corpus (../shared/corpus/truth.json and wide/truth.json), per field, per layout kind and
# per paper against issue 17's targets, and throughput against bare PDFBox, in one run.
# Runs ExtractionQualityReport (pdf-monitor tests). No test servers: it reads PDFs only.
#   bench/extraction.sh        writes bench/results/extraction-quality.md (a few minutes)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/java.sh
source "$ROOT/scripts/lib/java.sh"
thoth_require_java || exit 1
OUT=$ROOT/bench/results/extraction-quality.md

cd "$ROOT"
mkdir -p bench/.work
LOG=bench/.work/extraction-maven.log
./mvnw -B -pl pdf-monitor -am test -Dtest=ExtractionQualityReport -Dsurefire.failIfNoSpecifiedTests=false \
	>"$LOG" 2>&1 || {
	tail -n 60 "$LOG" >&2
	echo "the benchmark failed; full output in $LOG" >&2
	exit 1
}
cat "$OUT"
