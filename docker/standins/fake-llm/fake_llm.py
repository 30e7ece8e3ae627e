"""A fake OpenAI-compatible server: the model Thoth's stack test talks to.

Question answering (the prompt gives numbered passages) gets an answer citing passage [1]
that names this server; an agent's turn (a request that offers tools) first gets a call of
search_papers with the user's message, then, once the tool's result is in, an answer that
names this server; anything else (the paper analysis) gets a valid analysis JSON.
GET /_fake/requests counts the requests by kind, so a test can see the model was used.
"""
import hashlib
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWER = "The fake-llm model read this in the library passage [1]. It cites its source [1]."
ANALYSIS = {
    "summary": "Summary written by the fake-llm model for the stack test.",
    "keyPoints": ["A key point from fake-llm"],
    "methodology": ["A method described by fake-llm"],
    "results": ["A result reported by fake-llm"],
    "limitations": [],
    "contributions": ["A contribution named by fake-llm"],
    "tags": ["fake-llm", "stack-test"],
}
AGENT_ANSWER = "The fake-llm agent found this in your library [1]."
COUNTS = {"answer": 0, "analysis": 0, "embeddings": 0, "agent": 0}
LOCK = threading.Lock()


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

    def do_GET(self):
        if self.path.rstrip("/").endswith("/models"):
            return self.send_json(200, {"object": "list", "data": [
                {"id": "fake-model", "object": "model", "created": 0, "owned_by": "thoth-test"}]})
        if self.path == "/_fake/requests":
            with LOCK:
                return self.send_json(200, dict(COUNTS))
        self.send_json(404, {"error": {"message": "unknown path", "type": "invalid_request_error"}})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if self.path.endswith("/embeddings"):
            with LOCK:
                COUNTS["embeddings"] += 1
            inputs = body.get("input", [])
            inputs = [inputs] if isinstance(inputs, str) else inputs
            data = [{"object": "embedding", "index": i, "embedding": embed(text)} for i, text in enumerate(inputs)]
            return self.send_json(200, {"object": "list", "data": data, "model": body.get("model", "fake-embed"),
                                        "usage": {"prompt_tokens": 1, "total_tokens": 1}})
        if not self.path.endswith("/chat/completions"):
            return self.send_json(404, {"error": {"message": "unknown path", "type": "invalid_request_error"}})
        messages = body.get("messages", [])
        prompt = " ".join(str(m.get("content", "")) for m in messages)
        if body.get("tools"):
            with LOCK:
                COUNTS["agent"] += 1
            if not any(m.get("role") == "tool" for m in messages):
                question = next((str(m.get("content", "")) for m in reversed(messages) if m.get("role") == "user"), "")
                return self.tool_call("search_papers", {"query": question[:200] or "library", "k": 3},
                                      bool(body.get("stream")))
            kind, content = "agent", AGENT_ANSWER
        else:
            kind = "answer" if "numbered passages" in prompt else "analysis"
            with LOCK:
                COUNTS[kind] += 1
            content = ANSWER if kind == "answer" else json.dumps(ANALYSIS)
        if body.get("stream"):
            return self.stream(content)
        self.send_json(200, {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": "fake-model",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": None},
                         "logprobs": None, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}})

    def tool_call(self, name, arguments, streamed):
        call = {"id": "call_fake", "type": "function", "function": {"name": name, "arguments": json.dumps(arguments)}}
        if not streamed:
            return self.send_json(200, {
                "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": "fake-model",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": None, "refusal": None,
                                                     "tool_calls": [call]},
                             "logprobs": None, "finish_reason": "tool_calls"}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}})
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        created = int(time.time())
        for delta, finish in (({"role": "assistant", "content": None, "tool_calls": [dict(call, index=0)]}, None),
                              ({}, "tool_calls")):
            event = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": created,
                     "model": "fake-model",
                     "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}
            self.write_chunk("data: " + json.dumps(event) + "\n\n")
        self.write_chunk("data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def stream(self, content):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        created = int(time.time())

        def chunk(delta, finish):
            event = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": created,
                     "model": "fake-model",
                     "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}
            self.write_chunk("data: " + json.dumps(event) + "\n\n")

        for word in content.split(" "):
            chunk({"content": word + " "}, None)
        chunk({}, "stop")
        self.write_chunk("data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def write_chunk(self, text):
        data = text.encode()
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()


def embed(text):
    digest = hashlib.sha256(text.encode()).digest()
    return [b / 255.0 for b in digest[:16]]


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
