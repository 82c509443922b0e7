#!/usr/bin/env bash
# Tally of a vote in a compound of N flats (default 20,000) where every owner voted, timed against a single
# hand-written SQL aggregate over the same tables in the same run (median of R runs each; aim: ratio ≤ 2).
# Appends a line to bench/results.json. Uses a throwaway SQLite database (or PostgreSQL with BENCH_POSTGRES=conn).
# Not measured here (not done): casting under 64 concurrent residents vs a bare insert endpoint.
set -euo pipefail
flats=${1:-20000}
runs=${2:-15}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release -v q -nologo >/dev/null
if [ -n "${BENCH_POSTGRES:-}" ]; then
  db=(Database__Provider=Postgres "ConnectionStrings__Portal=$BENCH_POSTGRES")
else
  db=(Database__Provider=Sqlite "ConnectionStrings__Portal=Data Source=$work/portal.db" "Hangfire__SqlitePath=$work/hangfire.db")
fi
out=$(env "${db[@]}" ASPNETCORE_ENVIRONMENT=Production dotnet bin/Release/net10.0/Portal.dll bench-vote-tally --flats "$flats" --runs "$runs")
echo "$out"
line=$(echo "$out" | tail -1)
python3 - "$line" <<'PY' >> bench/results.json
import json, sys, time
kv = dict(p.split("=") for p in sys.argv[1].split())
print(json.dumps({"bench": "votes.tally", "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    "flats": int(kv["flats"]), "runs": int(kv["runs"]), "tally_ms": float(kv["tally_ms"]),
    "baseline_sql_aggregate_ms": float(kv["sql_aggregate_ms"]), "ratio_to_baseline": float(kv["ratio"])}))
PY
