#!/usr/bin/env bash
# Runs every measurement (bench/*.sh but this one and lib.sh), then prints bench/results.json as a table.
# Needs wrk and python3 (apt-get install wrk python3). BENCH_SECONDS sets the length of each load run.
set -euo pipefail
cd "$(dirname "$0")"
BENCH_REBUILD=1 bash ./home.sh
for script in ./*.sh; do
  case "$script" in ./run.sh|./lib.sh|./home.sh) continue ;; esac
  echo "== $script" >&2
  bash "$script"
done
python3 - results.json <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
print(f"{'measurement':<28} {'baseline':>22} {'measured':>22} {'ratio':>8}  what")
for r in results:
    def show(x):
        if isinstance(x, dict):
            if "rps" in x: return f"{x['rps']:.0f} rps p95 {x['p95_ms']:.1f}ms"
            if "seconds" in x: return f"{x['seconds']:.2f} s"
        return str(x) if x is not None else "-"
    ratio = next((r[k] for k in ("throughput_ratio", "ratio_to_baseline", "import_vs_plain_insert_ratio", "time_ratio") if k in r), None)
    print(f"{r['name']:<28} {show(r.get('baseline')):>22} {show(r.get('measured')):>22} {str(ratio):>8}  {r.get('what','')}")
PY
