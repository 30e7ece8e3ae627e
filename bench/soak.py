#!/usr/bin/env python3
"""Load driver and sampler of bench/soak.sh (Python 3 standard library only).

Against a Thoth that bench/soak.sh started with ./thoth up: uploads the corpus through the
gateway and waits until its papers are READY, then sends DURATION seconds of mixed traffic
through the gateway from CLIENTS threads at RATE requests a second in all (unique searches
in every mode, asks as JSON and as server-sent events, lists, paper reads, tag operations,
uploads of corpus PDFs made unique and deletes of them), while a sampler records each
service's RSS, heap and live data after GC and restart count. Writes the results as
Markdown (bench/results/soak.md) and the raw samples as JSON lines.

Every response is counted by action and status; every 5xx is kept with its body.
"""

import argparse
import http.client
import json
import os
import platform
import random
import re
import subprocess
import threading
import time
import urllib.parse
import uuid

SERVICES = ["api", "mcp", "discovery", "agent", "pdf-monitor", "gateway"]

# Weights of the actions each traffic client draws from (uploads and deletes have a client
# of their own). The writes among them (WRITES, uploads, deletes) come in bursts: each of
# them empties the API's search cache, so between bursts it fills up to its bound.
WEIGHTS = {
    "search hybrid": 12,
    "search lexical": 9,
    "search semantic": 9,
    "ask json": 5,
    "ask sse": 5,
    "papers list": 10,
    "paper get": 6,
    "paper references": 4,
    "paper cited-by": 3,
    "paper related": 4,
    "paper note": 4,
    "paper pdf range": 4,
    "paper tags": 2,
    "tag add": 3,
    "tag remove": 3,
    "tags list": 3,
    "tag rename cycle": 1,
    "graph": 2,
    "jobs list": 1,
}
WRITES = {"tag add", "tag remove", "tag rename cycle"}

STOP_WORDS = set("""a about above after again against all also an and any are as at be because been before
being below between both but by can could did do does doing down during each either et few for from
further had has have having here how however i if in into is it its itself just may me more most must
my no nor not now of off on once only or other our out over own same she should so some such than that
the their them then there these they this those through thus to too under until up upon very via was
we were what when where which while who whom why will with within without would you your al fig table
paper papers section figure using used use based show shown shows one two three new results result""".split())


def now():
    return time.monotonic()


class Recorder:
    """Every response by action and status, latencies, every 5xx with its body."""

    def __init__(self, started):
        self.lock = threading.Lock()
        self.started = started
        self.actions = {}
        self.server_errors = []
        self.failures = []
        self.stream_errors = []
        self.unexpected_4xx = []
        self.stale_retries = 0

    def record(self, action, status, seconds, method, path, body=b"", note=None):
        with self.lock:
            entry = self.actions.setdefault(action, {"latencies": [], "statuses": {}})
            entry["latencies"].append(seconds)
            entry["statuses"][status] = entry["statuses"].get(status, 0) + 1
            at = round(now() - self.started, 1)
            text = body.decode("utf-8", "replace")[:2000] if isinstance(body, bytes) else str(body)[:2000]
            if status >= 500:
                self.server_errors.append({"t": at, "action": action, "method": method, "path": path,
                                           "status": status, "body": text})
            elif status == 0:
                self.failures.append({"t": at, "action": action, "method": method, "path": path, "error": note})
            elif 400 <= status < 500 and len([e for e in self.unexpected_4xx if e["action"] == action]) < 5:
                self.unexpected_4xx.append({"t": at, "action": action, "method": method, "path": path,
                                            "status": status, "body": text[:500]})

    def stream_error(self, action, path, event, data):
        with self.lock:
            self.stream_errors.append({"t": round(now() - self.started, 1), "action": action, "path": path,
                                       "event": event, "data": data[:2000]})


class Client:
    """One keep-alive HTTP/1.1 connection to the gateway, with the API key."""

    def __init__(self, host, port, key, recorder, timeout=180):
        self.host, self.port, self.key, self.recorder, self.timeout = host, port, key, recorder, timeout
        self.connection = None

    def _connection(self):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.connection

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def request(self, action, method, path, body=None, headers=None, sse=False, record=True):
        """Sends one request; returns (status, body bytes, parsed JSON or None). Status 0: no answer."""
        all_headers = {"X-API-Key": self.key, "Accept": "application/json"}
        all_headers.update(headers or {})
        started = now()
        for attempt in (1, 2):
            reused = self.connection is not None
            try:
                connection = self._connection()
                connection.request(method, path, body=body, headers=all_headers)
                response = connection.getresponse()
                if sse and response.status == 200:
                    data = self._read_stream(action, path, response)
                else:
                    data = response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as ex:
                self.close()
                # A keep-alive connection the server closed while idle: send again once on a
                # new one, as every HTTP client does.
                if reused and attempt == 1:
                    with self.recorder.lock:
                        self.recorder.stale_retries += 1
                    started = now()
                    continue
                status, data = 0, repr(ex).encode()
                break
            except (OSError, http.client.HTTPException) as ex:
                self.close()
                status, data = 0, repr(ex).encode()
                break
        elapsed = now() - started
        if record:
            self.recorder.record(action, status, elapsed, method, path, data, None if status else data.decode())
        parsed = None
        if status and data and not sse:
            try:
                parsed = json.loads(data)
            except ValueError:
                parsed = None
        return status, data, parsed

    def _read_stream(self, action, path, response):
        """Reads server-sent events to the done or error event, then to the end of the stream."""
        event, data, ended = None, [], None
        while True:
            line = response.readline()
            if not line:
                break
            text = line.decode("utf-8", "replace").rstrip("\r\n")
            if text.startswith("event:"):
                event = text[6:].strip()
            elif text.startswith("data:"):
                data.append(text[5:].lstrip())
            elif text == "":
                if event in ("done", "error") and ended is None:
                    ended = event
                    if event == "error":
                        self.recorder.stream_error(action, path, event, "\n".join(data))
                event, data = None, []
        response.read()
        if ended is None:
            self.recorder.stream_error(action, path, "(none)", "the stream ended without a done or error event")
        return ("ended with " + str(ended)).encode()


class Library:
    """What the traffic draws on: the corpus papers, the uploads that are ready, a vocabulary."""

    def __init__(self):
        self.lock = threading.Lock()
        self.corpus = []
        self.uploaded = []
        self.words = []
        self.authors = []
        self.tags = []
        self.tagged = []
        self.used = set()
        self.counter = 0

    def papers(self):
        with self.lock:
            return self.corpus + self.uploaded

    def paper(self, rnd):
        return rnd.choice(self.papers())

    def unique(self, rnd, make):
        """A text never sent before (so no cache answers it)."""
        with self.lock:
            while True:
                text = make(rnd)
                if text not in self.used:
                    self.used.add(text)
                    return text

    def phrase(self, rnd, low, high):
        return " ".join(rnd.sample(self.words, rnd.randint(low, high)))

    def next_number(self):
        with self.lock:
            self.counter += 1
            return self.counter


def multipart(filename, content):
    boundary = "soak" + uuid.uuid4().hex
    head = ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
            "Content-Type: application/pdf\r\n\r\n" % (boundary, filename)).encode()
    return head + content + ("\r\n--%s--\r\n" % boundary).encode(), "multipart/form-data; boundary=" + boundary


def q(params):
    return urllib.parse.urlencode(params, doseq=True)


# ------------------------------------------------------------------ the actions

def act(client, library, rnd, action):
    if action.startswith("search "):
        mode = action.split()[1]
        text = library.unique(rnd, lambda r: library.phrase(r, 1, 4))
        params = {"q": text, "k": rnd.choice([5, 10, 10, 20, 50]), "mode": mode}
        roll = rnd.random()
        if roll < 0.1:
            params["paperId"] = [p["id"] for p in rnd.sample(library.papers(), 2)]
        elif roll < 0.15 and library.tags:
            params["tag"] = rnd.choice(library.tags)
        client.request(action, "GET", "/api/v1/search?" + q(params))
    elif action.startswith("ask "):
        templates = ["What is known about %s?", "How does %s relate to %s?", "Which results are reported for %s?",
                     "What method is used for %s and %s?", "Why does %s matter for %s?"]
        template = rnd.choice(templates)
        question = library.unique(
            rnd, lambda r: template % tuple(library.phrase(r, 1, 3) for _ in range(template.count("%s"))))
        body = {"question": question, "k": rnd.randint(3, 8)}
        if rnd.random() < 0.15:
            body["paperIds"] = [p["id"] for p in rnd.sample(library.papers(), 3)]
        headers = {"Content-Type": "application/json"}
        if action == "ask sse":
            headers["Accept"] = "text/event-stream"
        client.request(action, "POST", "/api/v1/ask", json.dumps(body).encode(), headers, sse=action == "ask sse")
    elif action == "papers list":
        params = {"page": rnd.choice([0, 0, 0, 1, 2]), "size": rnd.choice([5, 10, 20, 50])}
        if rnd.random() < 0.3:
            params["q"] = rnd.choice(library.words)
        if rnd.random() < 0.2 and library.authors:
            params["author"] = rnd.choice(library.authors)
        if rnd.random() < 0.15 and library.tags:
            params["tag"] = rnd.choice(library.tags)
        if rnd.random() < 0.2:
            params["yearFrom"] = rnd.randint(1995, 2015)
            params["yearTo"] = params["yearFrom"] + rnd.randint(0, 15)
        if rnd.random() < 0.3:
            params["status"] = "READY"
        if rnd.random() < 0.5:
            params["sort"] = rnd.choice(["createdAt", "year,desc", "title", "title,desc", "year"])
        client.request(action, "GET", "/api/v1/papers?" + q(params))
    elif action.startswith("paper ") and action != "paper tags":
        paper = library.paper(rnd)["id"]
        base = "/api/v1/papers/" + paper
        if action == "paper get":
            client.request(action, "GET", base)
        elif action == "paper references":
            client.request(action, "GET", base + "/references?" + q({"page": rnd.choice([0, 0, 1]),
                                                                     "size": rnd.choice([10, 50])}))
        elif action == "paper cited-by":
            client.request(action, "GET", base + "/cited-by")
        elif action == "paper related":
            client.request(action, "GET", base + "/related?k=" + str(rnd.choice([5, 10])))
        elif action == "paper note":
            client.request(action, "GET", base + "/note", headers={"Accept": "text/markdown"})
        elif action == "paper pdf range":
            start = rnd.choice([0, 0, 1024, 65536])
            client.request(action, "GET", base + "/pdf",
                           headers={"Accept": "application/pdf", "Range": "bytes=%d-%d" % (start, start + 65535)})
    elif action == "paper tags":
        client.request(action, "GET", "/api/v1/papers/%s/tags" % library.paper(rnd)["id"])
    elif action == "tag add":
        pair = (library.paper(rnd)["id"], "soak-" + rnd.choice("abcdefgh"))
        if client.request(action, "PUT", "/api/v1/papers/%s/tags/%s" % pair)[0] == 200:
            with library.lock:
                if pair not in library.tagged:
                    library.tagged.append(pair)
    elif action == "tag remove":
        # A tag this run put on a paper (several clients may pick the same one: then a 404).
        with library.lock:
            pair = library.tagged.pop(rnd.randrange(len(library.tagged))) if library.tagged else None
        if pair:
            client.request(action, "DELETE", "/api/v1/papers/%s/tags/%s" % pair)
    elif action == "tags list":
        params = {"size": rnd.choice([20, 50])}
        if rnd.random() < 0.5:
            params["q"] = rnd.choice(["soak", "s", "a", "m", "p"])
        if rnd.random() < 0.2:
            params["includeEmpty"] = "true"
        client.request(action, "GET", "/api/v1/tags?" + q(params))
    elif action == "tag rename cycle":
        number = library.next_number()
        status, _, tag = client.request("tag add", "PUT", "/api/v1/papers/%s/tags/soak-new-%d" % (
            library.paper(rnd)["id"], number))
        if status == 200 and tag:
            client.request("tag rename", "PATCH", "/api/v1/tags/" + tag["id"],
                           json.dumps({"name": "soak-renamed-%d" % number}).encode(),
                           {"Content-Type": "application/json"})
            client.request("tag delete", "DELETE", "/api/v1/tags/" + tag["id"])
    elif action == "graph":
        if rnd.random() < 0.5:
            client.request(action, "GET", "/api/v1/graph?" + q({"paperId": library.paper(rnd)["id"],
                                                                "depth": rnd.randint(1, 3)}))
        else:
            client.request(action, "GET", "/api/v1/graph?limit=200")
    elif action == "jobs list":
        client.request(action, "GET", "/api/v1/jobs?size=20")
    else:
        raise ValueError(action)


def in_write_burst(args, started):
    return (now() - started) % args.write_every < args.write_burst


def traffic_client(index, args, library, recorder, started, deadline, pace):
    rnd = random.Random(args.seed * 1000 + index)
    client = Client(args.host, args.port, args.key, recorder)
    actions = list(WEIGHTS)
    weights = [WEIGHTS[a] for a in actions]
    reads = [a for a in actions if a not in WRITES]
    read_weights = [WEIGHTS[a] for a in reads]
    interval = args.clients / args.rate
    next_at = now() + rnd.random() * interval
    while now() < deadline:
        wait = next_at - now()
        if wait > 0:
            time.sleep(wait)
        elif wait < -1:
            next_at = now()  # behind: do not burst to catch up
        next_at += interval * rnd.uniform(0.7, 1.3)
        if in_write_burst(args, started):
            act(client, library, rnd, rnd.choices(actions, weights)[0])
        else:
            act(client, library, rnd, rnd.choices(reads, read_weights)[0])
        pace[index] += 1
    client.close()


def wait_for_job(client, job_id, deadline, action="job get"):
    """Polls a job until it ends; returns its JSON (or None at the deadline)."""
    while now() < deadline:
        status, _, job = client.request(action, "GET", "/api/v1/jobs/" + job_id)
        if status == 200 and job and job.get("status") not in ("QUEUED", "RUNNING"):
            return job
        time.sleep(2)
    return None


def upload(client, path, unique):
    with open(path, "rb") as f:
        content = f.read()
    name = os.path.basename(path)
    if unique:
        # A PDF comment after the end: other bytes, the same document, so a new paper.
        content += ("\n%% thoth soak %s\n" % uuid.uuid4()).encode()
        name = "soak-" + name
    body, content_type = multipart(name, content)
    return client.request("upload", "POST", "/api/v1/papers", body, {"Content-Type": content_type})


def uploader(args, library, recorder, started, deadline, pdfs, stats):
    """At the start of each write burst, uploads --uploads corpus PDFs made unique, one after
    another, each followed until its paper is READY; then deletes the oldest uploads beyond
    --keep-uploads."""
    rnd = random.Random(args.seed)
    client = Client(args.host, args.port, args.key, recorder)
    burst = 0
    while now() < deadline:
        burst_at = started + burst * args.write_every
        if burst_at > now():
            time.sleep(min(burst_at - now(), max(0.0, deadline - now())))
            continue
        burst += 1
        for _ in range(args.uploads):
            if now() >= deadline:
                break
            status, _, accepted = upload(client, rnd.choice(pdfs), True)
            if status != 202 or not accepted:
                continue
            stats["uploads"] += 1
            job = wait_for_job(client, accepted["jobId"], max(now() + 60, deadline))
            if not job or job.get("status") != "DONE" or not job.get("paperId"):
                stats["uploads not done"].append(job and {k: job.get(k) for k in ("id", "status", "error")})
                continue
            _, _, paper = client.request("paper get", "GET", "/api/v1/papers/" + job["paperId"])
            with library.lock:
                library.uploaded.append({"id": job["paperId"], "title": (paper or {}).get("title")})
        with library.lock:
            surplus = max(0, len(library.uploaded) - args.keep_uploads)
            oldest, library.uploaded = library.uploaded[:surplus], library.uploaded[surplus:]
            gone = {paper["id"] for paper in oldest}
            library.tagged = [pair for pair in library.tagged if pair[0] not in gone]
        if oldest:
            # The readers no longer draw them; let those in flight finish first.
            time.sleep(3)
        for paper in oldest:
            if client.request("paper delete", "DELETE", "/api/v1/papers/" + paper["id"])[0] == 204:
                stats["deletes"] += 1
    client.close()


# ------------------------------------------------------------------ the sampler

METRIC_LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)')


def scrape(port):
    """Heap used (all heap pools) and live data after GC from a service's own /metrics."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.request("GET", "/metrics")
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        if response.status != 200:
            return None
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()
    heap, live, series, caches = 0.0, None, 0, {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            series += 1
        match = METRIC_LINE.match(line)
        if not match:
            continue
        name, labels, value = match.groups()
        if name == "jvm_memory_used_bytes" and 'area="heap"' in (labels or ""):
            heap += float(value)
        elif name == "jvm_gc_live_data_size_bytes":
            live = float(value)
        elif name in ("cache_size", "cache_evictions_total", "cache_eviction_weight_total"):
            cache = re.search(r'cache="([^"]*)"', labels or "")
            if cache:
                caches.setdefault(cache.group(1), {})[name] = float(value)
    return {"heap": heap, "live": live, "series": series, "caches": caches}


def read_pid(state, svc):
    try:
        with open(os.path.join(state, "run", svc + ".pid")) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def rss_of(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, TypeError):
        return None
    return None


def restarts_of(state, svc):
    try:
        with open(os.path.join(state, "run", svc + ".restarts")) as f:
            return int(f.read().strip() or 0)
    except (OSError, ValueError):
        return 0


def sample(args, started, force_gc):
    """One sample of every service; with force_gc, a full GC (jcmd GC.run) first, so that
    live data after GC is exact for services whose old generation never filled."""
    record = {"t": round(now() - started, 1), "load": os.getloadavg()[0], "services": {}}
    for svc in SERVICES:
        pid = read_pid(args.state, svc)
        before = scrape(args.ports[svc])
        entry = {"pid": pid, "rss": rss_of(pid), "heap": before and before["heap"],
                 "live": before and before["live"],
                 "series": before and before["series"], "caches": before and before["caches"], "restarts": restarts_of(args.state, svc)}
        if force_gc and pid:
            try:
                subprocess.run([args.jcmd, str(pid), "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               timeout=120, check=False)
            except subprocess.TimeoutExpired:
                pass
            after = scrape(args.ports[svc])
            if after:
                entry["heap after gc"] = after["heap"]
                entry["live"] = after["live"]
        record["services"][svc] = entry
    return record


def take_sample(args, started, samples, out, force):
    record = sample(args, started, force)
    record["forced gc"] = force
    samples.append(record)
    with open(out, "a") as f:
        f.write(json.dumps(record) + "\n")


def sampler(args, started, deadline, samples, out):
    """Samples every --sample-every seconds after the first (taken before the traffic), a
    forced GC first every --gc-every seconds, and once more at the end."""
    next_at, next_gc = float(args.sample_every), float(args.gc_every)
    while True:
        time.sleep(max(0.0, min(next_at - (now() - started), deadline - now())))
        force = args.gc_every > 0 and now() - started >= next_gc - 0.5
        if force:
            next_gc += args.gc_every
        take_sample(args, started, samples, out, force)
        if now() >= deadline:
            return
        next_at += args.sample_every


# ------------------------------------------------------------------ ingest

def ingest(args, library, recorder, pdfs):
    """Uploads the corpus, waits until every job has ended and every paper is READY."""
    client = Client(args.host, args.port, args.key, recorder)
    started = now()
    jobs = []
    for path in pdfs:
        status, body, accepted = upload(client, path, False)
        if status != 202:
            raise SystemExit("soak: uploading %s answered %d: %s" % (path, status, body[:500]))
        jobs.append(accepted["jobId"])
    deadline = now() + args.ingest_timeout
    ended = [wait_for_job(client, job, deadline) for job in jobs]
    not_done = [j for j in ended if not j or j.get("status") != "DONE"]
    if not_done:
        raise SystemExit("soak: corpus jobs that did not end DONE: %s" % json.dumps(not_done)[:2000])
    papers = []
    for job in ended:
        _, _, paper = client.request("paper get", "GET", "/api/v1/papers/" + job["paperId"])
        papers.append(paper)
    not_ready = [p["title"] for p in papers if p.get("status") != "READY"]
    if not_ready:
        raise SystemExit("soak: papers not READY after ingest: %s" % not_ready)
    seconds = now() - started
    words = set()
    authors = set()
    for paper in papers:
        text = " ".join([paper.get("title") or "", paper.get("abstract") or ""] + (paper.get("keywords") or []))
        for word in re.findall(r"[A-Za-z][A-Za-z-]{3,}", text):
            word = word.lower().strip("-")
            if word not in STOP_WORDS and len(word) >= 4:
                words.add(word)
        for author in paper.get("authors") or []:
            surname = (author.get("name") or "").split()
            if surname:
                authors.add(surname[-1][:20])
    _, _, tags = client.request("tags list", "GET", "/api/v1/tags?size=200")
    library.corpus = [{"id": p["id"], "title": p["title"]} for p in papers]
    library.words = sorted(words)
    library.authors = sorted(authors)
    library.tags = [t["name"] for t in (tags or {}).get("items", [])][:50]
    client.close()
    return {"papers": len(papers), "pages": sum(p.get("pages") or 0 for p in papers), "seconds": seconds,
            "bytes": sum(os.path.getsize(p) for p in pdfs), "words": len(library.words)}


# ------------------------------------------------------------------ the report

def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100.0 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def mb(value):
    return "–" if value is None else "%.0f" % (value / 1048576.0)


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def floor(values):
    """The lowest live data after GC: work in flight comes and goes, a leak raises the floor."""
    values = [v for v in values if v]
    return min(values) if values else None


def window(samples, low, high):
    return [s for s in samples if low < s["t"] <= high]


def report(args, setup, corpus, recorder, samples, pace, upload_stats, duration):
    lines = []
    w = lines.append
    total = sum(sum(a["statuses"].values()) for a in recorder.actions.values())
    five = sum(n for a in recorder.actions.values() for s, n in a["statuses"].items() if s >= 500)
    unanswered = sum(n for a in recorder.actions.values() for s, n in a["statuses"].items() if s == 0)
    loads = [s["load"] for s in samples]
    w("# Soak: %d minutes of mixed traffic on the default heaps" % round(duration / 60))
    w("")
    w("Measured %s by `bench/soak.sh` on %s cores (shared with other work: load average over the run "
      "%.1f to %.1f, mean %.1f), %s, %s." % (setup["date"], os.cpu_count(), min(loads), max(loads),
                                            sum(loads) / len(loads), setup["memory"], setup["java"]))
    w("")
    w("## Setup")
    w("")
    w("- `./thoth up` with a private state dir, workspace and free ports: the embedded PostgreSQL (vector "
      "store in PostgreSQL), no Redis, no ChromaDB, no model (offline extractive answers). "
      "`THOTH_RATE_LIMIT_PER_MINUTE=0` for this run (the gateway and the services would otherwise answer "
      "429 beyond 600 requests a minute from one key); every other setting is the default.")
    w("- JVM options in effect, read from each process's command line (the defaults of `scripts/lib/java.sh`; "
      "no `THOTH_JAVA_OPTS`):")
    w("")
    w("| service | JVM options | JDK AOT cache |")
    w("|---|---|---|")
    for svc in SERVICES:
        w("| %s | `%s` | %s |" % (svc, setup["jvm"].get(svc, "?"), setup.get("aot " + svc, "?")))
    w("")
    w("- Corpus: the %d PDFs of `../shared/corpus` (`pdfs/` and `wide/pdfs/`, %.1f MB, %d pages), uploaded "
      "through the gateway and READY after %.0f s: %s passages in the vector store (%s at the end of the "
      "run, with the uploads then in the library)." % (corpus["papers"], corpus["bytes"] / 1e6, corpus["pages"],
                                                       corpus["seconds"], setup["chunks"],
                                                       setup.get("chunks at the end", "?")))
    w("- Traffic: %d s through the gateway (`http://127.0.0.1:%d`), %d clients on keep-alive connections "
      "paced at %.0f requests/s in all (each at its own jittered interval, without catching up bursts): "
      "%d requests sent, **%.1f/s achieved** (the clients wait for each answer, and the machine was loaded: "
      "see the load average above)." % (duration, args.port, args.clients, args.rate, total, total / duration))
    w("- Every search and question is new text (1 to 4 words drawn from the corpus papers' titles, "
      "abstracts and keywords, %d words; k from 5 to 50), so each one is a new cache entry; some searches are "
      "restricted to papers or a tag. Lists vary page, size, text, author, tag, years, status and sort; paper "
      "reads draw from the corpus and the uploads in the library." % corpus["words"])
    w("- Writes come in bursts: every %d s, for %d s, the clients also add and remove tags (eight names) and "
      "create, rename and delete one more each cycle, and one more client uploads %d corpus PDFs made unique "
      "(a PDF comment line appended), follows each job until its paper is READY, and deletes the oldest "
      "uploads beyond %d (%d uploads, %d deletes in all). Every write empties the API's search cache (a paper "
      "done, a paper deleted, a tag changed), so between the bursts the cache fills with new searches up to "
      "its bound (`THOTH_SEARCH_CACHE_SIZE`, 16MB), which is what this soak must show holds." % (
          args.write_every, args.write_burst, args.uploads, args.keep_uploads, upload_stats["uploads"],
          upload_stats["deletes"]))
    w("- Sampler: every %d s, each service's RSS (`/proc/<pid>/status`), heap used (`jvm_memory_used_bytes"
      "{area=\"heap\"}`, summed) and live data after GC (`jvm_gc_live_data_size_bytes`) from its own "
      "`/metrics` on loopback, and its restarts (`run/<svc>.restarts`). Every %d s it first asks each JVM for "
      "a full GC (`jcmd <pid> GC.run`), so that live data after GC is exact also for the services whose old "
      "generation never fills on its own; RSS and heap are read before that GC." % (
          args.sample_every, args.gc_every))
    w("")

    # verdicts
    verdicts = []
    stream_errors = len(recorder.stream_errors)
    verdicts.append(("0 × 5xx", five == 0 and unanswered == 0 and stream_errors == 0,
                     "%d responses 5xx, %d requests without an answer, %d answers streamed with an `error` event "
                     "or without an end, of %d requests" % (five, unanswered, stream_errors, total)))
    restarts = {svc: samples[-1]["services"][svc]["restarts"] for svc in SERVICES}
    pids_changed = {svc: len({s["services"][svc]["pid"] for s in samples if s["services"][svc]["pid"]}) - 1
                    for svc in SERVICES}
    total_restarts = sum(restarts.values()) + sum(pids_changed.values())
    verdicts.append(("0 restarts", total_restarts == 0,
                     ", ".join("%s %d" % (svc, restarts[svc]) for svc in SERVICES)))
    third = duration / 3.0
    middle, last = window(samples, third, 2 * third), window(samples, 2 * third, duration + 60)
    flat = True
    details = []
    for svc in SERVICES:
        live_m = floor([s["services"][svc]["live"] for s in middle if s["forced gc"] or not args.gc_every])
        live_l = floor([s["services"][svc]["live"] for s in last if s["forced gc"] or not args.gc_every])
        rss_m = max([s["services"][svc]["rss"] or 0 for s in middle] or [0])
        rss_l = max([s["services"][svc]["rss"] or 0 for s in last] or [0])
        live_ratio = live_l / live_m if live_m else float("nan")
        rss_ratio = rss_l / rss_m if rss_m else float("nan")
        ok = live_ratio <= 1 + args.flat_tolerance and rss_ratio <= 1 + args.flat_tolerance
        flat = flat and ok
        details.append((svc, live_m, live_l, live_ratio, rss_m, rss_l, rss_ratio, ok))
    final_caches = samples[-1]["services"]["api"].get("caches") or {}
    searches_evicted = final_caches.get("searches", {}).get("cache_eviction_weight_total", 0)
    verdicts.append(("memory levels off", flat and searches_evicted > 0,
                     "for every service, the lowest live data after GC and the highest RSS in the last third of "
                     "the run are at most %d %% above the middle third's, and the search cache reached its "
                     "bound (%s)" % (round(args.flat_tolerance * 100), (
                         "it evicted %.1f MB of entries over the run" % (searches_evicted / 1048576))
                         if searches_evicted else "it evicted nothing: this run does not show that the bound holds")))
    w("## Verdict")
    w("")
    for name, ok, text in verdicts:
        w("- **%s: %s** (%s)." % (name, "met" if ok else "missed", text))
    w("")
    w("| service | lowest live data after GC, middle third (MB) | last third (MB) | ratio | highest RSS, middle third "
      "(MB) | last third (MB) | ratio | levels off |")
    w("|---|---:|---:|---:|---:|---:|---:|---|")
    for svc, live_m, live_l, live_ratio, rss_m, rss_l, rss_ratio, ok in details:
        w("| %s | %s | %s | %.3f | %s | %s | %.3f | %s |" % (svc, "%.1f" % (live_m / 1048576) if live_m else "–",
                                                              "%.1f" % (live_l / 1048576) if live_l else "–",
                                                              live_ratio, mb(rss_m), mb(rss_l), rss_ratio,
                                                              "yes" if ok else "**no**"))
    w("")

    # requests
    w("## Requests")
    w("")
    w("Latency is measured by the client, request sent to the whole body read (for `ask sse`, to the end of "
      "the stream).")
    w("")
    w("| action | count | 2xx | 4xx | 5xx | no answer | p50 ms | p95 ms |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for action in sorted(recorder.actions):
        entry = recorder.actions[action]
        st = entry["statuses"]
        count = lambda low, high: sum(n for s, n in st.items() if low <= s < high)
        w("| %s | %d | %d | %d | %d | %d | %.0f | %.0f |" % (
            action, sum(st.values()), count(200, 300), count(400, 500), count(500, 600), st.get(0, 0),
            percentile(entry["latencies"], 50) * 1000, percentile(entry["latencies"], 95) * 1000))
    all_latencies = [v for a in recorder.actions.values() for v in a["latencies"]]
    w("| **all** | %d | %d | %d | %d | %d | %.0f | %.0f |" % (
        total, sum(n for a in recorder.actions.values() for s, n in a["statuses"].items() if 200 <= s < 300),
        sum(n for a in recorder.actions.values() for s, n in a["statuses"].items() if 400 <= s < 500), five,
        unanswered, percentile(all_latencies, 50) * 1000, percentile(all_latencies, 95) * 1000))
    w("")
    codes = {}
    for action, entry in recorder.actions.items():
        for status, n in entry["statuses"].items():
            if 400 <= status < 500:
                codes.setdefault(action, []).append("%d × %d" % (n, status))
    if codes:
        w("4xx by action: " + "; ".join("%s: %s" % (a, ", ".join(c)) for a, c in sorted(codes.items())) + ".")
        w("")
    if recorder.stale_retries:
        w("%d requests were sent again on a new connection because the gateway had closed an idle keep-alive "
          "connection (counted once, with the answer of the second attempt)." % recorder.stale_retries)
        w("")

    # memory over time
    w("## Memory over time")
    w("")
    w("Every 5 minutes of the traffic (minute 0: the corpus READY, before the first request): heap "
      "used, the highest sample in the 5 minutes before (at minute 0, the sample itself); live data after GC "
      "(after the forced GC at that mark); RSS at the mark. MB.")
    marks = [m * 300 for m in range(int(duration // 300) + 1)]
    for title, column in (("Heap used, highest in the 5 minutes before", "heap"),
                          ("Live data after GC", "live"), ("RSS", "rss")):
        w("")
        w("**%s** (MB)" % title)
        w("")
        w("| minute | " + " | ".join(SERVICES) + " |")
        w("|---:|" + "---:|" * len(SERVICES))
        for mark in marks:
            at = [s for s in samples if (s["forced gc"] or not args.gc_every) and abs(s["t"] - mark) < args.sample_every]
            if not at:
                continue
            point = min(at, key=lambda s: abs(s["t"] - mark))
            cells = []
            for svc in SERVICES:
                if column == "heap":
                    span = [s["services"][svc]["heap"] for s in samples if mark - 300 < s["t"] <= point["t"]] or [
                        point["services"][svc]["heap"]]
                    cells.append(mb(max((v for v in span if v is not None), default=None)))
                else:
                    cells.append(mb(point["services"][svc][column]))
            w("| %d | %s |" % (round(mark / 60), " | ".join(cells)))
    w("")

    w("**The API's caches** (from its `/metrics`: entries, and what the weight bound evicted so far; "
      "`THOTH_SEARCH_CACHE_SIZE` 16MB, `THOTH_QUERY_EMBEDDING_CACHE_SIZE` 4MB)")
    w("")
    w("| minute | searches: entries | evicted entries | evicted MB | query embeddings: entries | evicted entries "
      "| evicted MB |")
    w("|---:|---:|---:|---:|---:|---:|---:|")
    for mark in marks:
        at = [s for s in samples if abs(s["t"] - mark) < args.sample_every]
        if not at:
            continue
        caches = (min(at, key=lambda s: abs(s["t"] - mark))["services"]["api"].get("caches") or {})
        cells = []
        for name in ("searches", "query-embeddings"):
            cache = caches.get(name, {})
            cells += ["%.0f" % cache.get("cache_size", 0), "%.0f" % cache.get("cache_evictions_total", 0),
                      "%.1f" % (cache.get("cache_eviction_weight_total", 0) / 1048576)]
        w("| %d | %s |" % (round(mark / 60), " | ".join(cells)))
    w("")
    w("## Restarts and metric series")
    w("")
    w("Series: the lines of the service's `/metrics` at the start and at the end of the traffic (meters "
      "whose tags grew with every new path or query would show here first).")
    w("")
    w("| service | restarts (`run/<svc>.restarts`) | distinct pids seen | series at the start | at the end |")
    w("|---|---:|---:|---:|---:|")
    for svc in SERVICES:
        w("| %s | %d | %d | %s | %s |" % (svc, restarts[svc], pids_changed[svc] + 1,
                                          samples[0]["services"][svc].get("series"),
                                          samples[-1]["services"][svc].get("series")))
    w("")

    w("## 5xx responses, requests without an answer, stream errors")
    w("")
    if not (recorder.server_errors or recorder.failures or recorder.stream_errors):
        w("None.")
    for e in recorder.server_errors:
        w("- %.0f s, %s: `%s %s` answered %d: `%s`" % (e["t"], e["action"], e["method"], e["path"][:200],
                                                      e["status"], e["body"].replace("`", "'")[:1500]))
    for e in recorder.failures:
        w("- %.0f s, %s: `%s %s` got no answer: `%s`" % (e["t"], e["action"], e["method"], e["path"][:200],
                                                         (e["error"] or "")[:500]))
    for e in recorder.stream_errors:
        w("- %.0f s, %s: `%s`: stream event `%s`: `%s`" % (e["t"], e["action"], e["path"], e["event"],
                                                           e["data"].replace("`", "'")[:1500]))
    if upload_stats["uploads not done"]:
        w("- Uploads whose job did not end DONE: `%s`" % json.dumps(upload_stats["uploads not done"])[:1500])
    w("")
    if recorder.unexpected_4xx:
        w("<details><summary>The first 4xx answers of each action</summary>")
        w("")
        for e in recorder.unexpected_4xx:
            w("- %.0f s, %s: `%s %s` → %d `%s`" % (e["t"], e["action"], e["method"], e["path"][:160], e["status"],
                                                   e["body"].replace("`", "'").replace("\n", " ")[:300]))
        w("")
        w("</details>")
        w("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True, help="the gateway's port")
    parser.add_argument("--key-file", required=True)
    parser.add_argument("--state", required=True, help="THOTH_STATE_DIR")
    parser.add_argument("--ports", required=True, help="svc=port,... of every service")
    parser.add_argument("--corpus", nargs="+", required=True, help="folders of PDFs")
    parser.add_argument("--duration", type=int, default=1800)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--rate", type=float, default=12.0, help="requests a second, all clients together")
    parser.add_argument("--write-every", type=int, default=600, help="seconds from one write burst to the next")
    parser.add_argument("--write-burst", type=int, default=90, help="seconds a write burst lasts")
    parser.add_argument("--uploads", type=int, default=3, help="uploads at the start of each write burst")
    parser.add_argument("--keep-uploads", type=int, default=3)
    parser.add_argument("--sample-every", type=int, default=15)
    parser.add_argument("--gc-every", type=int, default=150, help="seconds between forced full GCs; 0: never")
    parser.add_argument("--flat-tolerance", type=float, default=0.10)
    parser.add_argument("--ingest-timeout", type=int, default=900)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--jcmd", default="jcmd")
    parser.add_argument("--chunks-command", help="a shell command printing the number of passages")
    parser.add_argument("--setup", required=True, help="JSON: date, memory, java, aot")
    parser.add_argument("--samples", required=True, help="raw samples, JSON lines")
    parser.add_argument("--out", required=True, help="the Markdown results")
    args = parser.parse_args()
    with open(args.key_file) as f:
        args.key = f.read().strip()
    args.ports = {k: int(v) for k, v in (p.split("=") for p in args.ports.split(","))}
    setup = json.loads(args.setup)
    pdfs = sorted(os.path.join(d, n) for d in args.corpus for n in os.listdir(d) if n.lower().endswith(".pdf"))

    recorder = Recorder(now())
    library = Library()
    print("soak: uploading %d corpus PDFs through the gateway and waiting until they are READY" % len(pdfs),
          flush=True)
    corpus = ingest(args, library, recorder, pdfs)
    print("soak: %d papers READY in %.0f s" % (corpus["papers"], corpus["seconds"]), flush=True)
    setup["chunks"] = "?"
    if args.chunks_command:
        setup["chunks"] = subprocess.run(args.chunks_command, shell=True, capture_output=True, text=True,
                                         check=False).stdout.strip() or "?"
    setup["jvm"] = {}
    for svc in SERVICES:
        pid = read_pid(args.state, svc)
        try:
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                argv = f.read().decode().split("\0")
            setup["jvm"][svc] = " ".join(a for a in argv if (a.startswith("-X") or a.startswith("--enable"))
                                         and not a.startswith("-XX:AOTCache"))
            setup["aot " + svc] = ("from its cache" if any(a.startswith("-XX:AOTCache=") for a in argv)
                                   else "recording its cache" if any(a.startswith("-XX:AOTCacheOutput=") for a in argv)
                                   else "none")
        except (OSError, TypeError):
            setup["jvm"][svc] = "?"

    # The ingest's requests are not part of the soak's table.
    recorder = Recorder(now())
    started = now()
    samples = []
    open(args.samples, "w").close()
    take_sample(args, started, samples, args.samples, args.gc_every > 0)
    deadline = now() + args.duration
    pace = [0] * args.clients
    upload_stats = {"uploads": 0, "deletes": 0, "uploads not done": []}
    threads = [threading.Thread(target=sampler, args=(args, started, deadline, samples, args.samples))]
    threads += [threading.Thread(target=traffic_client, args=(i, args, library, recorder, started, deadline, pace))
                for i in range(args.clients)]
    threads.append(threading.Thread(target=uploader,
                                    args=(args, library, recorder, started, deadline, pdfs, upload_stats)))
    print("soak: %d s of traffic through the gateway, %d clients at %.0f requests/s" % (
        args.duration, args.clients, args.rate), flush=True)
    for thread in threads:
        thread.daemon = True
        thread.start()
    progress_every = 300
    while any(t.is_alive() for t in threads[1:]):
        time.sleep(5)
        elapsed = now() - started
        if elapsed // progress_every != (elapsed - 5) // progress_every:
            with recorder.lock:
                total = sum(sum(a["statuses"].values()) for a in recorder.actions.values())
                five = len(recorder.server_errors)
            last = samples[-1]["services"] if samples else {}
            print("soak: %4.0f s, %d requests, %d × 5xx, API heap %s MB, live %s MB, RSS %s MB, restarts %s" % (
                elapsed, total, five, mb(last.get("api", {}).get("heap")), mb(last.get("api", {}).get("live")),
                mb(last.get("api", {}).get("rss")), sum(s["restarts"] for s in last.values()) if last else "?"),
                flush=True)
    threads[0].join(timeout=300)
    duration = now() - started
    # Each service's metrics as they are at the end, beside the samples, to read what grew.
    for svc in SERVICES:
        connection = http.client.HTTPConnection("127.0.0.1", args.ports[svc], timeout=20)
        try:
            connection.request("GET", "/metrics")
            with open(os.path.join(os.path.dirname(args.samples), "metrics-%s.txt" % svc), "wb") as f:
                f.write(connection.getresponse().read())
        except (OSError, http.client.HTTPException):
            pass
        finally:
            connection.close()
    if args.chunks_command:
        setup["chunks at the end"] = subprocess.run(args.chunks_command, shell=True, capture_output=True,
                                                    text=True, check=False).stdout.strip() or "?"
    text = report(args, setup, corpus, recorder, samples, pace, upload_stats, round(duration))
    with open(args.out, "w") as f:
        f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
