-- wrk script: signed-in requests (BENCH_COOKIE holds the auth cookie), summary as one JSON line like report.lua.
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE") or ""
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format('JSON {"requests": %d, "rps": %.1f, "p95_ms": %.2f, "p50_ms": %.2f, "errors": %d}\n',
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(95) / 1000, latency:percentile(50) / 1000, errors))
end
