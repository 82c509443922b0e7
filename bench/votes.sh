#!/usr/bin/env bash
# Tally of a vote in a compound of N flats (default 20,000) where every owner voted, timed against a single
# hand-written SQL aggregate over the same tables in the same run (median of R runs each; aim: ratio ≤ 2).
# Records its results in bench/results.json. Uses a throwaway SQLite database (or PostgreSQL with BENCH_POSTGRES=conn).
# Then casting a ballot through the real vote page (sign-in cookie, antiforgery token, the full cast: guarded current
# ballot, history, audit chain) under C concurrent residents (default 64, wrk), against a bare endpoint inserting one
# row in the same run: requests per second and p95 (aim: at least half the baseline's throughput). wrk runs with
# --timeout 10s; timeouts, connection errors and non-redirect answers are reported separately. The timed phases
# alternate, BENCH_ROUNDS rounds (default 3) of S seconds per endpoint. The cast entry is
# "votes-cast" on SQLite and "votes-cast-postgres" with BENCH_POSTGRES; BENCH_CAST_ONLY=1 skips the tally part.
# Before timing, both endpoints run unmeasured for BENCH_WARMUP seconds each (default 30): with less, the JIT's tiered
# compilation is still ~10% of the CPU during the cast phase and the ratio measures the compiler, not the code.
# On PostgreSQL on the same host, put "SSL Mode=Disable" in BENCH_POSTGRES: Debian's server has ssl=on, and TLS over
# loopback costs both endpoints 10-15% for nothing a real deployment behind a private network would pay.
set -euo pipefail
flats=${1:-20000}
runs=${2:-15}
concurrency=${3:-64}
seconds=${4:-15}
port=${BENCH_PORT:-5102}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=
dotnet build -c Release -v q -nologo >/dev/null
if [ -n "${BENCH_POSTGRES:-}" ]; then
  db=(Database__Provider=Postgres "ConnectionStrings__Portal=$BENCH_POSTGRES")
else
  db=(Database__Provider=Sqlite "ConnectionStrings__Portal=Data Source=$work/portal.db" "Hangfire__SqlitePath=$work/hangfire.db")
fi
if [ "${BENCH_CAST_ONLY:-0}" != 1 ]; then
out=$(env "${db[@]}" ASPNETCORE_ENVIRONMENT=Production dotnet bin/Release/net10.0/Portal.dll bench-vote-tally --flats "$flats" --runs "$runs")
echo "$out"
line=$(echo "$out" | tail -1)
python3 - "$line" <<'PY' | python3 bench/record.py votes-tally
import json, sys, time
kv = dict(p.split("=") for p in sys.argv[1].split())
print(json.dumps({"what": "tally of a compound where every owner voted vs one hand-written SQL aggregate over the same tables (aim <= 2x)",
    "flats": int(kv["flats"]), "runs": int(kv["runs"]), "tally_ms": float(kv["tally_ms"]),
    "baseline_sql_aggregate_ms": float(kv["sql_aggregate_ms"]), "ratio_to_baseline": float(kv["ratio"])}))
PY
fi

# --- casting under load ------------------------------------------------------------------------------------------
cdb=(Database__Provider=Sqlite "ConnectionStrings__Portal=Data Source=$work/cast.db" "Hangfire__SqlitePath=$work/cast-hangfire.db")
[ -n "${BENCH_POSTGRES:-}" ] && cdb=(Database__Provider=Postgres "ConnectionStrings__Portal=$BENCH_POSTGRES")
password='Bench-pass-2026'
env "${cdb[@]}" ASPNETCORE_ENVIRONMENT=Production dotnet bin/Release/net10.0/Portal.dll bench-vote-residents --residents "$concurrency" --password "$password" > "$work/residents.txt"
env "${cdb[@]}" ASPNETCORE_ENVIRONMENT=Production Bench__Endpoints=true Logging__LogLevel__Default=Warning \
  dotnet bin/Release/net10.0/Portal.dll --urls "http://127.0.0.1:$port" > "$work/server.log" 2>&1 & server=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/bench/constant" >/dev/null 2>&1 && break; sleep 1; done
python3 - "$port" "$password" "$work/residents.txt" "$work/sessions.tsv" <<'PY'
import sys, re, urllib.request, urllib.parse, http.cookiejar
port, password, residents, out = sys.argv[1:]
base = f"http://127.0.0.1:{port}"
lines = open(residents).read().split("\n")
code, vote, matter = [l for l in lines if l.startswith("vote ")][0].split()[1:]
token_re = re.compile(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"')
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None
rows = []
for l in lines:
    if not l.startswith("resident "): continue
    _, email, owner = l.split()
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(base + "/account/login").read().decode()
    data = urllib.parse.urlencode({"Input.Email": email, "Input.Password": password, "__RequestVerificationToken": token_re.search(page).group(1)}).encode()
    try: opener.open(base + "/account/login", data)
    except urllib.error.HTTPError as e: assert e.code == 302, e.code
    page = opener.open(f"{base}/c/{code}/votes/{vote}").read().decode()
    token = token_re.findall(page)[-1]
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    rows.append("\t".join([cookie, token, owner, matter]))
open(out, "w").write("\n".join(rows) + "\n")
print(f"{code} {vote}")
PY
read -r code vote < <(grep '^vote ' "$work/residents.txt" | awk '{print $2, $3}')
cat > "$work/cast.lua" <<'LUA'
local rows = {}
for l in io.lines(os.getenv("BENCH_SESSIONS")) do rows[#rows + 1] = l end
local n = 0
threads = {}
function setup(thread) n = n + 1; thread:set("idx", n); table.insert(threads, thread) end
function init(args)
  local cookie, token, owner, matter = rows[idx]:match("([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)")
  wrk.method = "POST"
  wrk.headers["Cookie"] = cookie
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.body = "OwnerId=" .. owner .. "&Choice%5B" .. matter .. "%5D=agree&__RequestVerificationToken=" .. token
end
unexpected = 0
function response(status, headers, body) if status ~= 302 then unexpected = unexpected + 1 end end
function done(summary, latency, requests)
  local other = 0
  for _, t in ipairs(threads) do other = other + t:get("unexpected") end
  io.write(string.format("rps=%.1f p95_ms=%.2f errors=%d timeouts=%d connect=%d non_redirect=%d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(95) / 1000, summary.errors.status + summary.errors.connect + summary.errors.timeout, summary.errors.timeout, summary.errors.connect, other))
end
LUA
cat > "$work/insert.lua" <<'LUA'
wrk.method = "POST"
function done(summary, latency, requests)
  io.write(string.format("rps=%.1f p95_ms=%.2f errors=%d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(95) / 1000, summary.errors.status + summary.errors.connect + summary.errors.timeout))
end
LUA
# Warm-up, not measured: both paths once under load, so the JIT's tiered compilation has settled before timing.
for path in "bench/votes/insert?vote=$vote -s $work/insert.lua" "c/$code/votes/$vote?handler=Cast -s $work/cast.lua"; do
  set -- $path
  BENCH_SESSIONS="$work/sessions.tsv" wrk --timeout 10s -t"$concurrency" -c"$concurrency" -d"${BENCH_WARMUP:-30}s" "$2" "$3" "http://127.0.0.1:$port/$1" >/dev/null
done
# Timed: the two endpoints alternate for BENCH_ROUNDS rounds (default 3) of S seconds each, so what drifts during the
# run (another tenant on the host, the receipts still fanning out in the background) falls on both sides alike.
bases=(); casts=()
for _ in $(seq 1 "${BENCH_ROUNDS:-3}"); do
  bases+=("$(BENCH_SESSIONS="$work/sessions.tsv" wrk --timeout 10s -t"$concurrency" -c"$concurrency" -d"${seconds}s" -s "$work/insert.lua" "http://127.0.0.1:$port/bench/votes/insert?vote=$vote" | tail -1)")
  casts+=("$(BENCH_SESSIONS="$work/sessions.tsv" wrk --timeout 10s -t"$concurrency" -c"$concurrency" -d"${seconds}s" -s "$work/cast.lua" "http://127.0.0.1:$port/c/$code/votes/$vote?handler=Cast" | tail -1)")
done
# Rounds of equal length: the mean throughput, the worst round's p95, the errors summed.
combine() {
  python3 - "$@" <<'PY'
import sys
rounds = [dict(p.split("=") for p in r.split()) for r in sys.argv[1:]]
out = {}
for k in rounds[0]:
    values = [float(r[k]) for r in rounds]
    out[k] = f"{sum(values) / len(values):.1f}" if k == "rps" else f"{max(values):.2f}" if k == "p95_ms" else str(int(sum(values)))
print(" ".join(f"{k}={v}" for k, v in out.items()))
PY
}
for i in "${!bases[@]}"; do echo "round $((i + 1)): bare insert ${bases[$i]}; cast ${casts[$i]}"; done
base=$(combine "${bases[@]}")
cast=$(combine "${casts[@]}")
echo "bare insert: $base"
echo "cast ballot: $cast"
cast_name=votes-cast; [ -n "${BENCH_POSTGRES:-}" ] && cast_name=votes-cast-postgres
python3 - "$base" "$cast" "$concurrency" "${BENCH_POSTGRES:+postgres}" "${BENCH_ROUNDS:-3}" "$seconds" <<'PY' | python3 bench/record.py "$cast_name"
import json, sys, time
b = dict(p.split("=") for p in sys.argv[1].split()); c = dict(p.split("=") for p in sys.argv[2].split())
print(json.dumps({"what": "casting a ballot through the real vote page vs a bare one-row insert endpoint (aim >= 0.5x throughput)", "concurrency": int(sys.argv[3]),
    "rounds": int(sys.argv[5]), "seconds_per_round": int(sys.argv[6]),
    "provider": sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else "sqlite",
    "cast_rps": float(c["rps"]), "cast_p95_ms": float(c["p95_ms"]), "cast_errors": int(c["errors"]),
    "cast_timeouts": int(c["timeouts"]), "cast_connect_errors": int(c["connect"]), "cast_non_redirect": int(c["non_redirect"]),
    "baseline_insert_rps": float(b["rps"]), "baseline_p95_ms": float(b["p95_ms"]),
    "ratio_to_baseline": round(float(c["rps"]) / float(b["rps"]), 3)}))
PY
