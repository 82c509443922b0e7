#!/usr/bin/env python3
"""Reads one JSON object on stdin and stores it in bench/results.json under the given name (replacing an older one).
usage: ... | python3 bench/record.py NAME"""
import datetime, json, os, sys

name = sys.argv[1]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results.json")
entry = json.loads(sys.stdin.read())
results = json.load(open(path)) if os.path.exists(path) else {"results": []}
results["results"] = [r for r in results["results"] if r.get("name") != name]
results["results"].append({"name": name, **entry, "measured_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")})
results["machine"] = f"{os.cpu_count()} cores"
json.dump(results, open(path, "w"), ensure_ascii=False, indent=2)
print(json.dumps({"name": name, **entry}, ensure_ascii=False))
