#!/usr/bin/env python3
"""Driver of bench/chromadb-query-cost.sh: what one query by meaning costs ChromaDB itself.

For each collection size it fills a collection with vectors shaped as the search benchmark's
(unit vectors near one of 256 centres, 384 dimensions) with the graph Thoth makes (cosine,
32 neighbours, build beam 400), then sends new queries for 40 neighbours, ids and distances
only, as Thoth's store asks, from one client and from eight, with the search beam Thoth sets
(240) and with a narrow one (40); then from one client with 1, 4, 8 and 16 queries in each
call, as Thoth's API sends the searches that wait together (QueryBatcher). It reads the
server process's CPU time (user + system,
/proc/PID/stat) before and after each row: CPU per query is what the server spent, whoever
waited. Writes a Markdown table on standard output. Needs numpy (ChromaDB's venv has it).
"""

import argparse
import json
import os
import threading
import time
import urllib.request

import numpy as np

BASE = "/api/v2/tenants/default_tenant/databases/default_database"
DIMENSIONS = 384


class Chroma:
    def __init__(self, url, token):
        self.url = url
        self.headers = {"Content-Type": "application/json"}
        if token:
            self.headers["Authorization"] = "Bearer " + token  # as Thoth's store sends it

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, method=method, headers=self.headers, data=data)
        with urllib.request.urlopen(request, timeout=120) as answer:
            text = answer.read()
        return json.loads(text) if text else None


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def unit_vectors(rng, centres, n):
    vectors = centres[rng.integers(0, len(centres), n)] + 0.6 * rng.normal(size=(n, DIMENSIONS)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def fill(chroma, rng, centres, size):
    name = f"query-cost-{size}"
    try:
        chroma.call("DELETE", f"{BASE}/collections/{name}")
    except Exception:
        pass
    collection = chroma.call("POST", f"{BASE}/collections", {"name": name, "metadata": {
        "hnsw:space": "cosine", "hnsw:M": 32, "hnsw:construction_ef": 400, "hnsw:search_ef": 240}})
    started = time.time()
    for first in range(0, size, 1000):
        batch = unit_vectors(rng, centres, min(1000, size - first))
        chroma.call("POST", f"{BASE}/collections/{collection['id']}/add", {
            "ids": [f"c{first + i}" for i in range(len(batch))],
            "embeddings": batch.tolist(),
            "metadatas": [{"paper_id": f"p{(first + i) // 100}"} for i in range(len(batch))]})
    return name, collection["id"], time.time() - started


def row(chroma, pid, collection, queries, clients, per_call=1):
    latencies = []
    lock = threading.Lock()
    pending = iter(queries)

    def client():
        while True:
            with lock:
                call = [query for query in (next(pending, None) for _ in range(per_call)) if query is not None]
            if not call:
                return
            started = time.perf_counter()
            chroma.call("POST", f"{BASE}/collections/{collection}/query",
                        {"query_embeddings": call, "n_results": 40, "include": ["distances"]})
            with lock:
                latencies.append(time.perf_counter() - started)

    cpu_before, wall_before = cpu_seconds(pid), time.time()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu_after, wall_after = cpu_seconds(pid), time.time()
    latencies.sort()
    # Latencies are per call; the rate and the CPU per query.
    return {"p50": 1000 * latencies[len(latencies) // 2], "p95": 1000 * latencies[int(len(latencies) * 0.95)],
            "rate": len(queries) / (wall_after - wall_before), "cpu": 1000 * (cpu_after - cpu_before) / len(queries)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--pid", type=int, required=True, help="the ChromaDB server's process")
    parser.add_argument("--token", default="")
    parser.add_argument("--server", required=True, help="its name in the table")
    parser.add_argument("--sizes", default="10000,30000")
    parser.add_argument("--queries", type=int, default=800)
    args = parser.parse_args()
    chroma = Chroma(args.url, args.token)
    rng = np.random.default_rng(16)
    centres = rng.normal(size=(256, DIMENSIONS)).astype(np.float32)
    for size in (int(s) for s in args.sizes.split(",")):
        name, collection, load_seconds = fill(chroma, rng, centres, size)
        for beam in (240, 40):
            chroma.call("PUT", f"{BASE}/collections/{collection}", {"new_configuration": {"hnsw": {"ef_search": beam}}})
            for clients in (1, 8):
                warm = unit_vectors(rng, centres, 100).tolist()
                row(chroma, args.pid, collection, warm, clients)
                measured = row(chroma, args.pid, collection, unit_vectors(rng, centres, args.queries).tolist(), clients)
                print(f"| {args.server} | {size:,} | {beam} | {clients} | 1 | {measured['p50']:.1f} | {measured['p95']:.1f} "
                      f"| {measured['rate']:.0f} | {measured['cpu']:.2f} |", flush=True)
        chroma.call("PUT", f"{BASE}/collections/{collection}", {"new_configuration": {"hnsw": {"ef_search": 240}}})
        for per_call in (4, 8, 16):
            row(chroma, args.pid, collection, unit_vectors(rng, centres, 160).tolist(), 1, per_call)
            measured = row(chroma, args.pid, collection, unit_vectors(rng, centres, args.queries).tolist(), 1, per_call)
            print(f"| {args.server} | {size:,} | 240 | 1 | {per_call} | {measured['p50']:.1f} | {measured['p95']:.1f} "
                  f"| {measured['rate']:.0f} | {measured['cpu']:.2f} |", flush=True)
        chroma.call("DELETE", f"{BASE}/collections/{name}")
        print(f"<!-- {args.server}: {size:,} vectors loaded in {load_seconds:.0f} s -->", flush=True)


if __name__ == "__main__":
    main()
