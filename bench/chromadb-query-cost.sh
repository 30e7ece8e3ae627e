#!/usr/bin/env bash
# What one search by meaning costs ChromaDB itself, apart from Thoth: the server's own CPU
# time per query (from /proc), with one client and with eight, at two collection sizes and
# two search beams, and with several queries in a call as Thoth's API batches them, on the
# test servers' ChromaDB (the Rust server, `chroma run`, and the
# Python server with token auth, as the compose stack runs it).
#   bench/chromadb-query-cost.sh                          10,000 and 30,000 vectors (about 4 minutes)
#   THOTH_BENCH_SIZES=10000,100000 bench/chromadb-query-cost.sh
# Writes bench/results/chromadb-query-cost.md. Starts scripts/test-services unless their
# env file is sourced (then stops them on exit).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/bench/results/chromadb-query-cost.md
# shellcheck source=scripts/lib/bench.sh
source "$ROOT/scripts/lib/bench.sh"
# Leaves THOTH_TEST_CHROMADB_* set (it unsets only the service's own THOTH_CHROMADB_URL),
# and its EXIT trap stops the servers if it started them.
thoth_bench_test_services "$ROOT"
RUN=$(dirname "$("$ROOT/scripts/test-services" env)")/run
PYTHON=${THOTH_STATE_DIR:-$ROOT/.thoth}/venv/bin/python
SIZES=${THOTH_BENCH_SIZES:-10000,30000}

# The raw rows beside the other benchmarks' work files: a trap of our own would replace
# the one that stops the servers.
mkdir -p "$ROOT/bench/.work"
rows=$ROOT/bench/.work/chromadb-query-cost.rows
: >"$rows"
"$PYTHON" "$ROOT/bench/chromadb-query-cost.py" --server "Rust (chroma run)" --url "$THOTH_TEST_CHROMADB_URL" \
	--pid "$(cat "$RUN/chroma.pid")" --sizes "$SIZES" >>"$rows"
"$PYTHON" "$ROOT/bench/chromadb-query-cost.py" --server "Python (FastAPI, token)" --url "$THOTH_TEST_CHROMADB_AUTH_URL" \
	--token "$THOTH_TEST_CHROMADB_TOKEN" --pid "$(cat "$RUN/chroma-auth.pid")" --sizes "$SIZES" >>"$rows"

{
	echo "# ChromaDB: what one query by meaning costs the server"
	echo
	echo "Measured $(date -u '+%Y-%m-%d %H:%M') UTC by \`bench/chromadb-query-cost.sh\` on $(nproc) CPUs, ChromaDB $("$PYTHON" -c 'import chromadb; print(chromadb.__version__)'), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
	echo
	echo "Collections as Thoth makes them (cosine, 32 neighbours, build beam 400) filled with unit vectors of 384 dimensions near one of 256 centres; queries for 40 neighbours, ids and distances only, as Thoth's store asks; 800 new queries a row after 100 to warm up. **queries a call**: embeddings in one query call, as Thoth's API sends the searches that wait together (p50 and p95 are then a call's). **server CPU**: the server process's user and system time over the row, divided by its queries."
	echo
	echo "| server | vectors | search beam (ef_search) | clients | queries a call | p50 ms | p95 ms | queries/s | server CPU ms/query |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
	grep '^|' "$rows"
	echo
	grep '^<!--' "$rows" | sed 's/^<!-- \(.*\) -->$/- \1/'
} >"$OUT"
cat "$OUT"
