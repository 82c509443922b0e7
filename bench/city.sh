#!/usr/bin/env bash
# The city dashboard (/city) for the seeded Tangshan 2021 programme (221 compounds), signed in as an admin, next to
# /bench/constant in the same run. Target: /city p95 within 100 ms. BENCH_CONNECTIONS sets the concurrency (default 8).
. "$(dirname "$0")/lib.sh"
PORT=${PORT:-5302}
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-8}
start_app "$PORT"
# stop_app kills the subshell; its dotnet child is stopped by parent id first.
trap 'pkill -P "$APP_PID" 2>/dev/null || true; stop_app' EXIT
BASE="http://127.0.0.1:$PORT"

ops() { (cd "$OUT/app" && env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Portal="Data Source=$APP_DATA/portal.db" dotnet Portal.dll "$@"); }
ops seed-city --profile tangshan-2021 >&2
ops create-admin --email bench-admin@example.com --password 'Bench-pass-2026' >&2

# Sign in through the real login form and keep the auth cookie.
jar="$APP_DATA/cookies.txt"
token=$(curl -fs -c "$jar" -b "$jar" "$BASE/account/login" | python3 -c 'import re,sys; print(re.search(r"name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", sys.stdin.read()).group(1))')
curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=bench-admin@example.com" --data-urlencode "Input.Password=Bench-pass-2026" \
  --data-urlencode "__RequestVerificationToken=$token" "$BASE/account/login"
export BENCH_COOKIE=$(awk '$6 == "portal.auth" { print $6 "=" $7 }' "$jar")
[ -n "$BENCH_COOKIE" ] || { echo "could not sign in" >&2; exit 1; }
curl -fs -H "Cookie: $BENCH_COOKIE" -o "$APP_DATA/city.html" "$BASE/city"
grep -q 'id="total-compounds">221<' "$APP_DATA/city.html" || { echo "/city does not show the seeded city" >&2; exit 1; }

wrk_json "$BASE/bench/constant" "$CONNS" 2 "$BENCH_DIR/city.lua" >/dev/null   # warm up
wrk_json "$BASE/city" "$CONNS" 2 "$BENCH_DIR/city.lua" >/dev/null
constant=$(wrk_json "$BASE/bench/constant" "$CONNS" "$SECS" "$BENCH_DIR/city.lua")
city=$(wrk_json "$BASE/city" "$CONNS" "$SECS" "$BENCH_DIR/city.lua")
api=$(wrk_json "$BASE/api/city/summary" "$CONNS" "$SECS" "$BENCH_DIR/city.lua")
python3 - "$constant" "$city" "$api" "$CONNS" > "$OUT/city.json" <<'PY'
import json, sys
c, d, a, n = json.loads(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
print(json.dumps({"what": f"/city (221 compounds, signed in) vs constant endpoint, {n} connections; target p95 <= 100 ms",
                  "baseline": c, "measured": d, "api_summary": a,
                  "throughput_ratio": round(d["rps"] / c["rps"], 3),
                  "p95_ratio": round(d["p95_ms"] / c["p95_ms"], 2) if c["p95_ms"] else None,
                  "p95_target_met": d["p95_ms"] <= 100 and d["errors"] == 0}))
PY
cat "$OUT/city.json"
record city-dashboard "$(cat "$OUT/city.json")"
