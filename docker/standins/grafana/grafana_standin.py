"""Grafana stand-in: checks the provisioned files and answers /api/health (see Dockerfile)."""
import glob
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

roots = ["/etc/grafana/provisioning", "/var/lib/grafana/dashboards"]
dashboards = [p for root in roots for p in glob.glob(root + "/**/*.json", recursive=True)]
for path in dashboards:
    try:
        with open(path, encoding="utf-8") as f:
            json.load(f)
    except (OSError, ValueError) as ex:
        sys.exit(f"grafana stand-in: dashboard {path} is not valid JSON: {ex}")
password_file = os.environ.get("GF_SECURITY_ADMIN_PASSWORD__FILE")
if password_file and not os.access(password_file, os.R_OK):
    sys.exit(f"grafana stand-in: cannot read GF_SECURITY_ADMIN_PASSWORD__FILE={password_file}")
print(f"grafana stand-in: {len(dashboards)} dashboard file(s) are valid JSON", flush=True)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        if self.path == "/api/health":
            body = json.dumps({"database": "ok", "version": "stand-in", "dashboards": len(dashboards)}).encode()
            self.send_response(200)
        else:
            body = b'{"message":"Grafana stand-in: no UI"}'
            self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


ThreadingHTTPServer(("0.0.0.0", 3000), Handler).serve_forever()
