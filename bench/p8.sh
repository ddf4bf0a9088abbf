#!/usr/bin/env bash
# P8 of spec/quality.md: the main command's ready time on embedded services, `npm run bench:p8`.
# Measures `npm start` from launch until GET /health answers 200 and the "ready in" line is printed, three ways:
#   fresh machine  a fresh clone of the committed HEAD with node_modules in place (as after `npm ci`) and nothing
#                  else: the build (swc), the web UI build (Vite), initdb, migrations and demo data all happen  < 60 s
#   fresh data     this checkout (built) with an empty data directory, i.e. `rm -rf .data && npm start`    < 60 s
#   warm           the same again with the data directory of the previous start                           < 10 s
# Each start is stopped with SIGINT (the launcher stops its embedded services) before the next. Nothing of this
# checkout's .data is touched: the runs use their own data directories and free ports.
# Env: P8_SKIP_CLONE=1 skips the fresh-machine run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=$(mktemp -d /tmp/p8.XXXXXX)
chmod 755 "$WORK" # the embedded PostgreSQL runs initdb as its own user
PGID=""
cleanup() {
  if [[ -n $PGID ]]; then kill -INT -- "-$PGID" 2>/dev/null || true; sleep 3; kill -KILL -- "-$PGID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
now() { date +%s.%N; }

# measure <dir> <data dir> <log>: seconds from launch to ready (health 200 and the ready line), then stops it.
# Runs in a command substitution: it stops what it started itself, on every path.
measure() {
  local dir=$1 data=$2 log=$3 port t0 t1 ready=""
  port=$(free_port)
  t0=$(now)
  (cd "$dir" && PORT=$port DATA_DIR=$data LOG_LEVEL=warn exec setsid npm start >"$log" 2>&1) &
  sleep 0.2
  PGID=$(ps -o pgid= -p $! | tr -d ' ' || true)
  [[ -z $PGID ]] && PGID=$!
  for _ in $(seq 1 1800); do
    if [[ -z $ready ]] && curl -sf -o /dev/null "http://127.0.0.1:$port/health" && grep -q 'ready in' "$log"; then ready=1; t1=$(now); break; fi
    if ! kill -0 -- "-$PGID" 2>/dev/null; then echo "npm start exited early; log:" >&2; tail -30 "$log" >&2; return 1; fi
    sleep 0.1
  done
  if [[ -z $ready ]]; then echo "not ready after 180 s; log:" >&2; tail -30 "$log" >&2; kill -KILL -- "-$PGID" 2>/dev/null || true; return 1; fi
  # Stop as Ctrl-C would, and wait until the embedded PostgreSQL has shut down cleanly.
  kill -INT -- "-$PGID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 -- "-$PGID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$PGID" 2>/dev/null || true
  PGID=""
  echo "$t0 $t1" | awk '{ printf "%.1f", $2 - $1 }'
}

echo "run $(date -u +%FT%TZ): $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg), node $(node -v)" >&2
rows=()
if [[ ${P8_SKIP_CLONE:-} != 1 ]]; then
  git clone --quiet --shared "$ROOT" "$WORK/clone"
  ln -s "$ROOT/node_modules" "$WORK/clone/node_modules"
  [[ -e $WORK/clone/dist || -e $WORK/clone/apps/web/dist || -e $WORK/clone/.data ]] && { echo "the clone is not fresh" >&2; exit 1; }
  cold=$(measure "$WORK/clone" "$WORK/clone/.data" "$WORK/cold.log")
  # What the start had to make from nothing: the compiled API, the UI bundle, the database cluster.
  for f in dist/apps/api/src/launcher.js apps/web/dist/index.html .data/postgres/PG_VERSION; do
    [[ -e $WORK/clone/$f ]] || { echo "fresh start did not make $f" >&2; exit 1; }
  done
  echo "fresh machine (clone of $(git rev-parse --short HEAD), build + web build + initdb + migrations + demo data): $cold s" >&2
  rows+=("| fresh machine: clean clone of HEAD, \`node_modules\` installed, no \`dist\`, no \`.data\` | $cold s | < 60 s | $(awk -v x="$cold" 'BEGIN { print (x < 60 ? "pass" : "FAIL") }') |")
fi
npm run --silent build && npm run --silent build:web
fresh=$(measure "$ROOT" "$WORK/data" "$WORK/fresh.log")
echo "fresh data (rm -rf .data && npm start): $fresh s" >&2
warm=$(measure "$ROOT" "$WORK/data" "$WORK/warm.log")
echo "warm (second start, same data): $warm s" >&2
rows+=("| fresh data: \`rm -rf .data && npm start\` (built checkout) | $fresh s | < 60 s | $(awk -v x="$fresh" 'BEGIN { print (x < 60 ? "pass" : "FAIL") }') |")
rows+=("| warm: \`npm start\` again | $warm s | < 10 s | $(awk -v x="$warm" 'BEGIN { print (x < 10 ? "pass" : "FAIL") }') |")
echo
echo "| start | ready after | bar | result |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}"
grep -h 'ready in' "$WORK"/*.log | sed 's/^/launcher: /' >&2 || true
