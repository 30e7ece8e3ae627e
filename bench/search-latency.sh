#!/usr/bin/env bash
# Search latency benchmark: p50/p95/p99 and throughput of GET /api/v1/search (lexical,
# semantic, hybrid) with 8 concurrent clients and new queries, on a real API service whose
# search index is its own Lucene index; in the same run the same queries straight on Lucene
# (the floor) and the ratios; load and re-index (online rebuild) times, index size, and the
# approximate vector search's recall@10 against an exact scan.
# Runs SearchLatencyBenchmark (api-service tests, JUnit tag "benchmark", which the build
# skips) in a JVM with the API service's own options.
#   bench/search-latency.sh                        100,000 passages (about 8 minutes on 2 cores)
#   THOTH_BENCH_SIZES=100000,1000000 THOTH_BENCH_REINDEX_UP_TO=100000 bench/search-latency.sh
#                                                  and then 1,000,000, merged but not re-indexed
#                                                  (about an hour on 2 cores; with the re-index, two)
#   THOTH_BENCH_MODES=semantic bench/search-latency.sh
#                                                  one mode's rows only (for a profile)
#   THOTH_BENCH_STORE=chromadb bench/search-latency.sh
#                                                  the compose stack's stores: ChromaDB (its
#                                                  Python server, as the stack's image runs it)
#                                                  for vectors, Lucene for words, Redis caches
#   THOTH_BENCH_STORE=chromadb THOTH_BENCH_CHROMADB_SERVER=rust bench/search-latency.sh
#                                                  the same on ChromaDB's Rust server (chroma run)
#                                                  (search-latency-compose-rust.md)
# Writes bench/results/search-latency.md (search-latency-compose.md for ChromaDB).
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
# ./thoth gives the API service except the heap: 640 MB, issue 16's 512 MB for the service
# at 1M passages and 128 MB for the clients and the query lists (the copy of every vector
# for the exact scan is off the heap). THOTH_BENCH_HEAP sets it; THOTH_JAVA_OPTS replaces
# all of them.
OPTS=${THOTH_JAVA_OPTS:-${THOTH_API_SEARCH_JAVA_OPTS/-Xmx256m/-Xmx${THOTH_BENCH_HEAP:-640m}}}
./mvnw -B -pl api-service -am test -Dtest=SearchLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
	-Dsurefire.excludedGroups= -DenableAssertions=false -DargLine="$OPTS -Dthoth.bench.sizes=${THOTH_BENCH_SIZES:-100000} -Dthoth.bench.modes=${THOTH_BENCH_MODES:-lexical,semantic,hybrid} -Dthoth.bench.reindex-up-to=${THOTH_BENCH_REINDEX_UP_TO:-2147483647} -Dthoth.bench.store=${THOTH_BENCH_STORE:-lucene} -Dthoth.bench.chromadb-server=${THOTH_BENCH_CHROMADB_SERVER:-python}" >"$LOG" 2>&1 || {
	tail -n 60 "$LOG" >&2
	echo "the benchmark failed; full output in $LOG" >&2
	exit 1
}
[ "${THOTH_BENCH_STORE:-lucene}" = chromadb ] && OUT=$ROOT/bench/results/search-latency-compose.md
[ "${THOTH_BENCH_STORE:-lucene}" = chromadb ] && [ "${THOTH_BENCH_CHROMADB_SERVER:-python}" = rust ] && OUT=$ROOT/bench/results/search-latency-compose-rust.md
cat "$OUT"
