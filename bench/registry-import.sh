#!/usr/bin/env bash
# import-register of a 60,000-flat register (a whole city programme), Release build, fresh SQLite file,
# next to baselines measured in the same run: the process starting and migrating (`migrate`), parsing and
# planning only (`--dry-run`), and a plain executemany INSERT of the same rows into SQLite from Python.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
OUT="$BENCH_DIR/out"
RESULTS="$BENCH_DIR/results.json"
FLATS=${REGISTRY_FLATS:-60000}
mkdir -p "$OUT"
command -v python3 >/dev/null || { echo "bench needs python3" >&2; exit 2; }

if [ ! -f "$OUT/app/Portal.dll" ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
  dotnet publish "$ROOT/Portal.csproj" -c Release -o "$OUT/app" --nologo -v quiet >/dev/null
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CSV="$WORK/register.csv"
python3 - "$CSV" "$FLATS" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
surnames = "王李张刘陈杨赵黄周吴徐孙"
with open(path, "w", encoding="utf-8") as f:
    f.write("building,entrance,floor,room,area_m2,owner_key,owner_name,phone,area_source\n")
    i = 0
    b = 0
    while i < n:
        b += 1
        for e in range(1, 4):
            for floor in range(1, 7):
                for unit in range(1, 3):
                    if i >= n: break
                    owner = i if i % 50 else i - 1 if i else 0      # every 50th owner holds two flats
                    area = 5600 + (i * 37) % 4000
                    f.write(f"{b},{e},{floor},{floor}0{unit},{area // 100}.{area % 100:02d},K{owner},{surnames[owner % 12]}{owner},139{owner:08d},registered\n")
                    i += 1
PY

run() { # run NAME ARGS...: seconds for `dotnet Portal.dll ARGS` on the given database
  local db=$1; shift
  local start end
  start=$(date +%s.%N)
  (cd "$OUT/app" && env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Portal="Data Source=$db" dotnet Portal.dll "$@" >"$WORK/last.out" 2>"$WORK/last.err") \
    || { echo "failed: $*" >&2; cat "$WORK/last.err" >&2; exit 1; }
  end=$(date +%s.%N)
  python3 -c "print(round($end - $start, 2))"
}

DB="$WORK/portal.db"
t_migrate=$(run "$DB" migrate)
run "$DB" create-compound --code CITY --name "City programme" >/dev/null
t_dry=$(run "$DB" import-register --compound CITY --file "$CSV" --dry-run)
t_import=$(run "$DB" import-register --compound CITY --file "$CSV")
summary=$(head -1 "$WORK/last.out")
t_reimport=$(run "$DB" import-register --compound CITY --file "$CSV")

t_plain=$(python3 - "$CSV" "$WORK/plain.db" <<'PY'
import csv, sqlite3, sys, time
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
start = time.time()
db = sqlite3.connect(sys.argv[2])
db.execute("create table flats (id integer primary key, building text, entrance text, floor int, room text, area int, owner_key text, owner_name text, phone text)")
db.execute("create unique index ux on flats(building, entrance, room)")
with db:
    db.executemany("insert into flats (building, entrance, floor, room, area, owner_key, owner_name, phone) values (?,?,?,?,?,?,?,?)",
        [(r["building"], r["entrance"], int(r["floor"]), r["room"], int(r["area_m2"].replace(".", "")), r["owner_key"], r["owner_name"], r["phone"]) for r in rows])
print(round(time.time() - start, 2))
PY
)

python3 - "$RESULTS" "$FLATS" "$t_migrate" "$t_dry" "$t_import" "$t_reimport" "$t_plain" "$summary" <<'PY'
import json, os, sys, datetime
path, flats, migrate, dry, full, again, plain, summary = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:8]), sys.argv[8]
entry = {
    "name": "registry-import",
    "what": f"import-register of {flats} flats (Release, SQLite, whole process) vs baselines in the same run",
    "summary": summary,
    "seconds": {"process_start_and_migrate": migrate, "dry_run_parse_and_plan": dry, "import": full,
                "reimport_unchanged": again, "plain_python_sqlite_insert": plain},
    "import_vs_plain_insert_ratio": round(full / plain, 2) if plain else None,
    "import_minus_startup_seconds": round(full - migrate, 2),
    "target": "well under 60 s",
    "measured_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
}
results = json.load(open(path)) if os.path.exists(path) else {"results": []}
results["results"] = [r for r in results["results"] if r.get("name") != "registry-import"] + [entry]
results["machine"] = f"{os.cpu_count()} cores"
json.dump(results, open(path, "w"), ensure_ascii=False, indent=2)
print(f"{'measurement':<34}{'seconds':>10}")
for k, v in entry["seconds"].items():
    print(f"{k:<34}{v:>10.2f}")
print(f"{'import / plain insert':<34}{entry['import_vs_plain_insert_ratio']:>10}")
print(summary)
PY
