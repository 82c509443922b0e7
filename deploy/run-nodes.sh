#!/usr/bin/env bash
# Several portal nodes on this machine, on one PostgreSQL, behind a round-robin proxy (README "Running several servers").
#
#   deploy/run-nodes.sh N          N web nodes (Portal:Role=web), one worker (worker) and the proxy; prints their
#                                  addresses and pids, waits until every node is ready, then returns (they keep running)
#   deploy/run-nodes.sh worker     one more worker with the same settings (after one was stopped or killed)
#   deploy/run-nodes.sh stop       stops every process started from this state folder (SIGTERM, then SIGKILL)
#
# Settings (environment):
#   PORTAL_NODES_POSTGRES   the connection string; else the local cluster, as .ci/run starts it, database portal_nodes
#   PORTAL_NODES_APP        a folder holding a built or published Portal.dll; else `dotnet publish` to $STATE/app
#   PORTAL_NODES_STATE      where pids and logs go (default /tmp/portal-nodes)
#   any other portal setting as an environment variable, e.g. SendGrid__Host=http://127.0.0.1:9000 (inherited by all)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=${PORTAL_NODES_STATE:-/tmp/portal-nodes}
mkdir -p "$state"
pids="$state/pids"

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! grep -qs " $port\$" "$state/ports"; then
      echo "$port" && return
    fi
  done
}

wait_ready() { # url pid name
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null --max-time 2 "$1/healthz/ready" 2>/dev/null; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then
      echo "error: $3 exited while starting; its log:" >&2
      tail -n 40 "$state/$3.log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "error: $3 was not ready after 120 s (log $state/$3.log)" >&2
  return 1
}

connection_string() {
  if [[ -n "${PORTAL_NODES_POSTGRES:-}" ]]; then echo "$PORTAL_NODES_POSTGRES"; return; fi
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -1)
  pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main >/dev/null
  pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
  for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
  su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'portal-ci';\"" >/dev/null
  su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'portal_nodes'\"" | grep -q 1 \
    || su postgres -c "psql -q -c 'CREATE DATABASE portal_nodes'" >/dev/null
  echo "Host=127.0.0.1;Port=5432;Username=postgres;Password=portal-ci;Database=portal_nodes"
}

app_folder() {
  if [[ -n "${PORTAL_NODES_APP:-}" ]]; then echo "$PORTAL_NODES_APP"; return; fi
  dotnet publish "$root/Portal.csproj" -c Release -o "$state/app" >"$state/publish.log" 2>&1 \
    || { tail -n 20 "$state/publish.log" >&2; exit 1; }
  echo "$state/app"
}

start_node() { # name role port
  local name=$1 role=$2 port=$3 pid
  (
    cd "$app"
    export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
    export Database__Provider=Postgres ConnectionStrings__Portal="$cs" Portal__Role="$role"
    exec dotnet "$app/Portal.dll" --urls "http://127.0.0.1:$port"
  ) >"$state/$name.log" 2>&1 </dev/null &
  pid=$!
  echo "$name $pid $port" >>"$pids"
  echo " $port" >>"$state/ports"
  echo "$name http://127.0.0.1:$port pid $pid"
}

stop_all() {
  [[ -f "$pids" ]] || return 0
  while read -r _ pid _; do kill -TERM "$pid" 2>/dev/null || true; done <"$pids"
  for _ in $(seq 1 60); do
    alive=0
    while read -r _ pid _; do kill -0 "$pid" 2>/dev/null && alive=1; done <"$pids"
    [[ $alive == 0 ]] && break
    sleep 0.5
  done
  while read -r _ pid _; do kill -KILL "$pid" 2>/dev/null || true; done <"$pids"
  rm -f "$pids" "$state/ports" "$state/settings"
}

case "${1:-}" in
  stop)
    stop_all
    echo "stopped"
    ;;
  worker)
    [[ -f "$state/settings" ]] || { echo "error: no nodes are running from $state" >&2; exit 1; }
    # shellcheck source=/dev/null
    source "$state/settings"
    n=$(grep -c '^worker' "$pids" || true)
    port=$(free_port)
    line=$(start_node "worker$((n + 1))" worker "$port")
    echo "$line"
    wait_ready "http://127.0.0.1:$port" "$(awk 'END {print $2}' "$pids")" "worker$((n + 1))"
    ;;
  '' | *[!0-9]*)
    sed -n '3,13p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
  *)
    count=$1
    [[ -f "$pids" ]] && { echo "error: nodes already run from $state; deploy/run-nodes.sh stop first" >&2; exit 1; }
    cs=$(connection_string)
    app=$(app_folder)
    [[ -f "$app/Portal.dll" ]] || { echo "error: no Portal.dll in $app" >&2; exit 1; }
    printf 'cs=%q\napp=%q\n' "$cs" "$app" >"$state/settings"
    : >"$state/ports"
    # The worker first: it migrates (the others wait on the start-up lock, then find the work done).
    start_node worker1 worker "$(free_port)"
    urls=()
    for i in $(seq 1 "$count"); do
      port=$(free_port)
      start_node "web$i" web "$port"
      urls+=("http://127.0.0.1:$port")
    done
    while read -r name pid port; do
      wait_ready "http://127.0.0.1:$port" "$pid" "$name" || { stop_all; exit 1; }
    done <"$pids"
    port=$(free_port)
    (cd "$app" && exec dotnet "$app/Portal.dll" proxy --urls "http://127.0.0.1:$port" "${urls[@]}") >"$state/proxy.log" 2>&1 </dev/null &
    echo "proxy $! $port" >>"$pids"
    echo "proxy http://127.0.0.1:$port pid $!"
    wait_ready "http://127.0.0.1:$port" "$!" proxy || { stop_all; exit 1; }
    echo "ready; stop with: $0 stop"
    ;;
esac
