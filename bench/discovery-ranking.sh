#!/usr/bin/env bash
# Discovery ranking benchmark: nDCG@10 on held-back judgments as the researcher's
# feedback grows (the query's liblinear classifier blended into the score), over the
# judged set in discovery-service/src/test/resources/bench/judged.json, with the real
# in-process embedder. Runs RankingBenchmark (discovery-service tests, JUnit tag
# "benchmark", which the build skips). Needs no test server.
#   bench/discovery-ranking.sh        writes bench/results/discovery-ranking.md (about 1 minute)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/java.sh
source "$ROOT/scripts/lib/java.sh"
thoth_require_java || exit 1
OUT=$ROOT/bench/results/discovery-ranking.md
cd "$ROOT"
mkdir -p bench/.work
LOG=bench/.work/discovery-ranking-maven.log
./mvnw -B -pl discovery-service -am test -Dtest=RankingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
	-Dsurefire.excludedGroups= >"$LOG" 2>&1 || {
	tail -n 60 "$LOG" >&2
	echo "the benchmark failed; full output in $LOG" >&2
	exit 1
}
cat "$OUT"
