# Shared helpers for bench scripts: build once, start the app on a fresh database, measure with wrk, record results.
# Source it: . "$(dirname "$0")/lib.sh"
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
RESULTS="$BENCH_DIR/results.json"
OUT="$BENCH_DIR/out"
mkdir -p "$OUT"

need() { command -v "$1" >/dev/null || { echo "bench needs $1 (apt-get install $2)" >&2; exit 2; }; }
need wrk wrk
need python3 python3

# Release build of the portal into bench/out/app (once per run unless BENCH_REBUILD=1).
build_app() {
  if [ ! -f "$OUT/app/Portal.dll" ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
    dotnet publish "$ROOT/Portal.csproj" -c Release -o "$OUT/app" --nologo -v quiet >/dev/null
  fi
}

# start_app PORT [extra env assignments...]: the app in Production on a fresh SQLite file, bench endpoints on.
start_app() {
  local port=$1; shift
  build_app
  APP_DATA=$(mktemp -d)
  (cd "$OUT/app" && exec env ASPNETCORE_ENVIRONMENT=Production Bench__Endpoints=true \
      ConnectionStrings__Portal="Data Source=$APP_DATA/portal.db" Logging__LogLevel__Default=Warning "$@" \
      dotnet Portal.dll --urls "http://127.0.0.1:$port" >"$APP_DATA/app.log" 2>&1) &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "the app did not start; its log:" >&2; cat "$APP_DATA/app.log" >&2; exit 1
}

stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  rm -rf "$APP_DATA"
}

# wrk_json URL CONNECTIONS SECONDS [lua script]: one line of JSON {rps, p95_ms, requests, errors}.
wrk_json() {
  local url=$1 conns=$2 secs=$3 script=${4:-$BENCH_DIR/report.lua}
  wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$script" "$url" 2>/dev/null | sed -n 's/^JSON //p'
}

# record NAME JSON: stores {"name": NAME, ...JSON} in bench/results.json (replacing an entry of the same name).
record() {
  echo "$2" | python3 "$BENCH_DIR/record.py" "$1" >/dev/null
}
