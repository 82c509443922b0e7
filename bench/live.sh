#!/usr/bin/env bash
# The live page (/c/{code}/votes/{id}/live: counts per building and entrance) of a vote in a compound of N flats
# (default 20,000) where every owner voted, against the tally endpoint (/api/votes/{id}/tally) for the same vote, in
# the same run over HTTP as the same committee member: median latency of R requests each, taken in turns (aim: live
# page <= 3x the tally). SQLite by default, PostgreSQL with BENCH_POSTGRES=conn. Records "votes-live" (or
# "votes-live-postgres") in bench/results.json.
set -euo pipefail
flats=${1:-20000}
runs=${2:-30}
port=${BENCH_PORT:-5103}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
server=
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build -c Release -v q -nologo >/dev/null
name=votes-live
if [ -n "${BENCH_POSTGRES:-}" ]; then
  db=(Database__Provider=Postgres "ConnectionStrings__Portal=$BENCH_POSTGRES"); name=votes-live-postgres
else
  db=(Database__Provider=Sqlite "ConnectionStrings__Portal=Data Source=$work/portal.db" "Hangfire__SqlitePath=$work/hangfire.db")
fi
password='Bench-pass-2026'
email="committee-$RANDOM@bench.local"
env "${db[@]}" ASPNETCORE_ENVIRONMENT=Production dotnet bin/Release/net10.0/Portal.dll bench-vote-tally --flats "$flats" --runs 1 \
  --committee "$email" --password "$password" > "$work/seed.txt"
read -r code vote < <(grep '^live ' "$work/seed.txt" | awk '{print $2, $3}')
env "${db[@]}" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet bin/Release/net10.0/Portal.dll --urls "http://127.0.0.1:$port" > "$work/server.log" 2>&1 & server=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/healthz/live" >/dev/null 2>&1 && break; sleep 1; done
python3 - "$port" "$email" "$password" "$code" "$vote" "$runs" "$flats" <<'PY' | python3 bench/record.py "$name"
import json, re, statistics, sys, time, urllib.request, urllib.parse, http.cookiejar
port, email, password, code, vote, runs, flats = sys.argv[1:]
base = f"http://127.0.0.1:{port}"
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
token_re = re.compile(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"')
page = opener.open(base + "/account/login").read().decode()
data = urllib.parse.urlencode({"Input.Email": email, "Input.Password": password, "__RequestVerificationToken": token_re.search(page).group(1)}).encode()
try: opener.open(base + "/account/login", data)
except urllib.error.HTTPError as e: assert e.code == 302, e.code
live, tally = f"{base}/c/{code}/votes/{vote}/live", f"{base}/api/votes/{vote}/tally"
def timed(url):
    t = time.perf_counter()
    with opener.open(url) as r:
        assert r.status == 200, (url, r.status)
        body = r.read()
    return (time.perf_counter() - t) * 1000, body
_, body = timed(live); assert b'id="by-entrance"' in body, "the live page did not render its table"
timed(tally)
l, t = [], []
for _ in range(int(runs)):
    l.append(timed(live)[0]); t.append(timed(tally)[0])
lm, tm = statistics.median(l), statistics.median(t)
print(f"live page median {lm:.1f} ms, tally median {tm:.1f} ms, ratio {lm / tm:.2f}", file=sys.stderr)
print(json.dumps({"what": "live page (counts per building and entrance) vs /api/votes/{id}/tally for the same vote, every owner voted, sequential requests (aim <= 3x)",
    "flats": int(flats), "runs": int(runs), "live_median_ms": round(lm, 2), "baseline_tally_median_ms": round(tm, 2),
    "ratio_to_baseline": round(lm / tm, 2)}))
PY
