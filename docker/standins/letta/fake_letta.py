"""An in-memory server in the shape of Letta's REST API (the world's edge for Thoth).

Answers /v1/health/, /v1/agents/ (create, list by name, get), /v1/blocks/ (create),
/v1/agents/{id}/core-memory/blocks (list), .../core-memory/blocks/{label} (get, patch),
.../core-memory/blocks/attach/{block_id}, /v1/agents/{id}/archival-memory (insert, list with
after/limit/ascending), .../archival-memory/search and .../archival-memory/{passage_id} (delete).
"""
import json
import os
import re
import threading
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LOCK = threading.Lock()
AGENTS = {}
PASSAGES = {}
BLOCKS = {}


def token():
    path = os.environ.get("LETTA_SERVER_PASSWORD_FILE")
    if path:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    return os.environ.get("LETTA_SERVER_PASSWORD", "")


TOKEN = token()


def now():
    return datetime.now(timezone.utc).isoformat()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send_json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}") if length else {}

    def authorised(self):
        if not TOKEN:
            return True
        return self.headers.get("Authorization", "") == "Bearer " + TOKEN

    def route(self, method):
        url = urlparse(self.path)
        path = url.path.rstrip("/") + "/"
        if path == "/v1/health/" and method == "GET":
            return self.send_json(200, {"version": "0.16.8", "status": "ok"})
        if not self.authorised():
            return self.send_json(401, {"detail": "Unauthorized"})
        if path == "/v1/agents/":
            if method == "POST":
                req = self.body()
                agent_id = "agent-" + str(uuid.uuid4())
                blocks = [
                    {"id": "block-" + str(uuid.uuid4()), "label": b.get("label"), "value": b.get("value", ""),
                     "limit": b.get("limit", 5000)}
                    for b in req.get("memory_blocks", [])
                ]
                agent = {"id": agent_id, "name": req.get("name") or agent_id, "created_at": now(),
                         "memory": {"blocks": blocks}, "tags": req.get("tags", [])}
                with LOCK:
                    AGENTS[agent_id] = agent
                    PASSAGES[agent_id] = []
                return self.send_json(200, agent)
            if method == "GET":
                name = parse_qs(url.query).get("name", [None])[0]
                limit = int(parse_qs(url.query).get("limit", ["50"])[0])
                with LOCK:
                    found = [a for a in AGENTS.values() if name is None or a["name"] == name]
                    return self.send_json(200, found[:limit])
        if path == "/v1/blocks/" and method == "POST":
            req = self.body()
            block = {"id": "block-" + str(uuid.uuid4()), "label": req.get("label"), "value": req.get("value", ""),
                     "limit": req.get("limit", 5000)}
            with LOCK:
                BLOCKS[block["id"]] = block
            return self.send_json(200, block)
        m = re.fullmatch(r"/v1/agents/([^/]+)/(.*)", path)
        if not m or m.group(1) not in AGENTS:
            return self.send_json(404, {"detail": "Not Found"})
        agent = AGENTS[m.group(1)]
        rest = m.group(2)
        if rest == "" and method == "GET":
            return self.send_json(200, agent)
        if rest == "core-memory/blocks/" and method == "GET":
            return self.send_json(200, agent["memory"]["blocks"])
        a = re.fullmatch(r"core-memory/blocks/attach/([^/]+)/", rest)
        if a and method == "PATCH":
            with LOCK:
                if a.group(1) not in BLOCKS:
                    return self.send_json(404, {"detail": "Block not found"})
                agent["memory"]["blocks"].append(BLOCKS[a.group(1)])
            return self.send_json(200, agent)
        b = re.fullmatch(r"core-memory/blocks/([^/]+)/", rest)
        if b:
            block = next((x for x in agent["memory"]["blocks"] if x["label"] == b.group(1)), None)
            if block is None:
                return self.send_json(404, {"detail": "Block not found"})
            if method == "PATCH":
                update = self.body()
                limit = update.get("limit", block["limit"])
                value = update.get("value", block["value"])
                if len(value) > limit:
                    return self.send_json(400, {"detail": "Edit failed: Exceeds %d character limit (requested %d)"
                                                % (limit, len(value))})
                with LOCK:
                    block.update({"value": value, "limit": limit})
            return self.send_json(200, block)
        if rest == "archival-memory/":
            if method == "POST":
                passage = {"id": "passage-" + str(uuid.uuid4()), "text": self.body().get("text", ""),
                           "agent_id": agent["id"], "created_at": now()}
                with LOCK:
                    PASSAGES[agent["id"]].append(passage)
                return self.send_json(200, [passage])
            if method == "GET":
                q = parse_qs(url.query)
                ordered = list(PASSAGES[agent["id"]])
                if q.get("ascending", ["true"])[0] == "false":
                    ordered.reverse()
                after = q.get("after", [None])[0]
                ids = [p["id"] for p in ordered]
                start = ids.index(after) + 1 if after in ids else 0
                limit = int(q.get("limit", ["100"])[0])
                return self.send_json(200, ordered[start:start + limit])
        if rest == "archival-memory/search/" and method == "GET":
            q = parse_qs(url.query)
            words = set((q.get("query", [""])[0]).lower().split())
            top_k = int(q.get("top_k", ["10"])[0])
            scored = sorted(PASSAGES[agent["id"]], key=lambda p: -len(words & set(p["text"].lower().split())))
            results = [{"id": p["id"], "content": p["text"], "timestamp": p["created_at"], "tags": []} for p in scored[:top_k]]
            return self.send_json(200, {"results": results, "count": len(results)})
        d = re.fullmatch(r"archival-memory/([^/]+)/", rest)
        if d and method == "DELETE":
            with LOCK:
                kept = [p for p in PASSAGES[agent["id"]] if p["id"] != d.group(1)]
                if len(kept) == len(PASSAGES[agent["id"]]):
                    return self.send_json(404, {"detail": "Passage not found"})
                PASSAGES[agent["id"]] = kept
            return self.send_json(200, {"message": "Memory id=%s successfully deleted" % d.group(1)})
        return self.send_json(404, {"detail": "Not Found"})

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_PATCH(self):
        self.route("PATCH")

    def do_DELETE(self):
        self.route("DELETE")


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8283"))), Handler).serve_forever()
