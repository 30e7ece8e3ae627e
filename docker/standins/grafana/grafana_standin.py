"""Grafana stand-in: the part of Grafana's HTTP API the stack test reads (see Dockerfile).

It loads the provisioning the way Grafana does (datasources/*.yml, dashboards/*.yml and
the dashboard folders they name), refuses to start when any of it does not parse, and
answers, under the sub-path of GF_SERVER_ROOT_URL when GF_SERVER_SERVE_FROM_SUB_PATH is
true:

  GET /api/health                                   no login
  GET /api/search                                   the provisioned dashboards
  GET /api/datasources                              the provisioned datasources
  GET /api/datasources/uid/{uid}/health             queries the datasource (Prometheus)
  GET /api/datasources/proxy/uid/{uid}/{path}       passes the GET on to the datasource

The /api calls but health need the admin login (basic auth, GF_SECURITY_ADMIN_USER and
GF_SECURITY_ADMIN_PASSWORD or its __FILE), as Grafana's do. It draws nothing.
"""
import base64
import glob
import hmac
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import yaml

PROVISIONING = os.environ.get("GF_PATHS_PROVISIONING", "/etc/grafana/provisioning")


def fail(message):
    sys.exit(f"grafana stand-in: {message}")


def read_yaml_files(folder):
    documents = []
    for path in sorted(glob.glob(os.path.join(PROVISIONING, folder, "*.y*ml"))):
        try:
            with open(path, encoding="utf-8") as f:
                documents.append((path, yaml.safe_load(f) or {}))
        except (OSError, yaml.YAMLError) as ex:
            fail(f"{path} is not valid YAML: {ex}")
    return documents


def load_datasources():
    datasources = []
    for path, document in read_yaml_files("datasources"):
        for number, source in enumerate(document.get("datasources") or [], start=1):
            for field in ("name", "type", "url"):
                if not source.get(field):
                    fail(f"{path}: datasource {number} has no {field}")
            datasources.append({"id": len(datasources) + 1, "uid": source.get("uid") or source["name"],
                                "name": source["name"], "type": source["type"], "url": source["url"],
                                "access": source.get("access", "proxy"), "isDefault": bool(source.get("isDefault"))})
    return datasources


def load_dashboards():
    dashboards = []
    for path, document in read_yaml_files("dashboards"):
        for provider in document.get("providers") or []:
            folder = (provider.get("options") or {}).get("path")
            if not folder:
                fail(f"{path}: provider {provider.get('name')} has no options.path")
            files = sorted(glob.glob(os.path.join(folder, "**", "*.json"), recursive=True))
            if not files:
                fail(f"{path}: provider {provider.get('name')} finds no dashboard in {folder}")
            for file in files:
                try:
                    with open(file, encoding="utf-8") as f:
                        dashboard = json.load(f)
                except (OSError, ValueError) as ex:
                    fail(f"dashboard {file} is not valid JSON: {ex}")
                if not dashboard.get("uid") or not dashboard.get("title"):
                    fail(f"dashboard {file} has no uid or title")
                dashboards.append({"id": len(dashboards) + 1, "uid": dashboard["uid"], "title": dashboard["title"],
                                   "type": "dash-db", "tags": dashboard.get("tags", []),
                                   "folderTitle": provider.get("folder", "General"),
                                   "panels": len(dashboard.get("panels", []))})
    return dashboards


def admin_password():
    file = os.environ.get("GF_SECURITY_ADMIN_PASSWORD__FILE")
    if file:
        try:
            with open(file, encoding="utf-8") as f:
                return f.read().strip()
        except OSError as ex:
            fail(f"cannot read GF_SECURITY_ADMIN_PASSWORD__FILE={file}: {ex}")
    return os.environ.get("GF_SECURITY_ADMIN_PASSWORD", "admin")


DATASOURCES = load_datasources()
DASHBOARDS = load_dashboards()
ADMIN = os.environ.get("GF_SECURITY_ADMIN_USER", "admin")
PASSWORD = admin_password()
SUB_PATH = ""
if os.environ.get("GF_SERVER_SERVE_FROM_SUB_PATH", "false").lower() == "true":
    SUB_PATH = urllib.parse.urlparse(os.environ.get("GF_SERVER_ROOT_URL", "")).path.rstrip("/")
print(f"grafana stand-in: {len(DASHBOARDS)} dashboard(s), {len(DATASOURCES)} datasource(s), "
      f"serving at '{SUB_PATH or '/'}'", flush=True)


def fetch(url, timeout=10):
    """GET url: (status, content type, body)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", "application/json"), response.read()
    except urllib.error.HTTPError as ex:
        return ex.code, ex.headers.get("Content-Type", "application/json"), ex.read()
    except (urllib.error.URLError, OSError) as ex:
        return 502, "application/json", json.dumps({"message": f"datasource unreachable: {ex}"}).encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def send(self, status, body, content_type="application/json"):
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def logged_in(self):
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return False
        return hmac.compare_digest(user, ADMIN) and hmac.compare_digest(password, PASSWORD)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        if SUB_PATH:
            if path != SUB_PATH and not path.startswith(SUB_PATH + "/"):
                return self.send(404, {"message": f"Not found: Grafana serves from {SUB_PATH}/"})
            path = path[len(SUB_PATH):] or "/"
        if path == "/api/health":
            return self.send(200, {"database": "ok", "version": "stand-in"})
        if not path.startswith("/api/"):
            return self.send(404, {"message": "Grafana stand-in: no UI"})
        if not self.logged_in():
            return self.send(401, {"message": "Unauthorized"})
        if path == "/api/search":
            query = urllib.parse.parse_qs(url.query)
            found = [d for d in DASHBOARDS if query.get("type", ["dash-db"])[0] == "dash-db"]
            return self.send(200, [{k: v for k, v in d.items() if k != "panels"} for d in found])
        if path == "/api/datasources":
            return self.send(200, DATASOURCES)
        match = re.fullmatch(r"/api/datasources/(?:uid/([^/]+)/health|proxy/uid/([^/]+)/(.*))", path)
        if not match:
            return self.send(404, {"message": "Not found"})
        uid = match.group(1) or match.group(2)
        source = next((d for d in DATASOURCES if d["uid"] == uid), None)
        if source is None:
            return self.send(404, {"message": "Data source not found"})
        base = source["url"].rstrip("/")
        if match.group(1):
            status, _, body = fetch(base + "/api/v1/query?query=1%2B1")
            if status == 200:
                return self.send(200, {"status": "OK", "message": "Successfully queried the Prometheus API."})
            return self.send(400, {"status": "ERROR", "message": f"Prometheus answered {status}: {body[:200]!r}"})
        target = base + "/" + match.group(3) + (("?" + url.query) if url.query else "")
        status, content_type, body = fetch(target)
        return self.send(status, body, content_type)


ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("GF_SERVER_HTTP_PORT", "3000"))), Handler).serve_forever()
