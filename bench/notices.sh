#!/usr/bin/env bash
# A notice to N households (default 57,600: the whole programme in ../shared/seed) through a local SendGrid stand-in.
# Prints the time from publishing to the last batch accepted, the number of requests, and the ratio against a
# baseline measured in the same run (the same number of emails handed straight to the email sender).
# Records its result in bench/results.json. Uses a throwaway SQLite database.
set -euo pipefail
households=${1:-57600}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill $stub 2>/dev/null || true; rm -rf "$work"' EXIT

cat > "$work/stub.py" <<'PY'
import http.server, json, sys, threading
counts = {"requests": 0, "personalizations": 0}
lock = threading.Lock()
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            counts["requests"] += 1
            counts["personalizations"] += len(json.loads(body).get("personalizations", []))
            open(sys.argv[2], "w").write(json.dumps(counts))
        self.send_response(202); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 "$work/stub.py" "$port" "$work/counts.json" & stub=$!
sleep 0.5

dotnet build -c Release -v q -nologo >/dev/null
out=$(ConnectionStrings__Portal="Data Source=$work/portal.db" Database__Provider=Sqlite Hangfire__SqlitePath="$work/hangfire.db" \
  SendGrid__ApiKey=SG.bench SendGrid__Host="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
  dotnet bin/Release/net10.0/Portal.dll bench-notice-fanout --households "$households")
echo "$out"
line=$(echo "$out" | tail -1)
requests_total=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["requests"])' "$work/counts.json")
baseline_requests=$(( (households + 999) / 1000 ))
requests=$(( requests_total - baseline_requests ))
echo "fan-out requests to SendGrid: $requests (baseline run: $baseline_requests)"
python3 - "$line" "$requests" <<'PY' | python3 bench/record.py notices-fanout
import json, sys, time
kv = dict(p.split("=") for p in sys.argv[1].split())
print(json.dumps({"what": "a notice to every household through a local SendGrid stand-in: publish to last batch accepted, vs sending the same emails directly",
    "households": int(kv["households"]), "sent": int(kv["sent"]), "requests": int(sys.argv[2]),
    "publish_to_last_batch_seconds": float(kv["fanout_seconds"]), "baseline_seconds": float(kv["baseline_seconds"]),
    "ratio_to_baseline": float(kv["ratio"])}, ensure_ascii=False))
PY
