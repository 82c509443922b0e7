#!/usr/bin/env bash
# The home page at 32 concurrent connections, next to a bare endpoint of the same app returning a constant.
. "$(dirname "$0")/lib.sh"
PORT=${PORT:-5301}
SECS=${BENCH_SECONDS:-10}
start_app "$PORT"
trap stop_app EXIT
curl -fs "http://127.0.0.1:$PORT/" >/dev/null   # warm up
wrk_json "http://127.0.0.1:$PORT/bench/constant" 32 2 >/dev/null
constant=$(wrk_json "http://127.0.0.1:$PORT/bench/constant" 32 "$SECS")
home=$(wrk_json "http://127.0.0.1:$PORT/" 32 "$SECS")
python3 - "$constant" "$home" > "$OUT/home.json" <<'PY'
import json, sys
c, h = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(json.dumps({"what": "home page vs constant endpoint, 32 connections",
                  "baseline": c, "measured": h,
                  "throughput_ratio": round(h["rps"] / c["rps"], 3),
                  "p95_ratio": round(h["p95_ms"] / c["p95_ms"], 2) if c["p95_ms"] else None}))
PY
record home-page "$(cat "$OUT/home.json")"
