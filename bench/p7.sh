#!/usr/bin/env bash
# P7 of spec/quality.md: queue list and search at 1,000,000 cases / 10,000,000 audit entries against 10,000 cases,
# through the HTTP API, with EXPLAIN (ANALYZE, BUFFERS) of every query: `npm run bench:p7`.
# Makes the two databases with the bulk generator when they are missing (P7_REGENERATE=1 makes them again), starts
# one API on each (`--api`, embedded S3 and SMTP, no worker, so nothing moves during the run), runs
# dist/bench/p7.bench.js and writes its report to P7_REPORT (default test-artifacts/p7-report.md).
# Env: PGURL (server, default postgres://postgres@127.0.0.1:5432), P7_SMALL_DB (lyg_bulk_10k), P7_LARGE_DB (lyg_bulk),
#      P7_SMALL_CASES (10000), P7_LARGE_CASES (1000000), P7_ARGS (extra arguments, e.g. "--rounds 5 --only queue,q-busy").
set -euo pipefail
cd "$(dirname "$0")/.."
PGURL=${PGURL:-postgres://postgres@127.0.0.1:5432}
SMALL_DB=${P7_SMALL_DB:-lyg_bulk_10k}
LARGE_DB=${P7_LARGE_DB:-lyg_bulk}
SMALL_CASES=${P7_SMALL_CASES:-10000}
LARGE_CASES=${P7_LARGE_CASES:-1000000}
REPORT=${P7_REPORT:-test-artifacts/p7-report.md}
PIDS=()
DIRS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM -- "-$p" 2>/dev/null || true; done
  sleep 1
  for p in "${PIDS[@]}"; do kill -KILL -- "-$p" 2>/dev/null || true; done
  for d in "${DIRS[@]}"; do rm -rf "$d"; done
}
trap cleanup EXIT
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_http() { for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }
cases_in() { psql -Atq "$PGURL/$1" -c 'SELECT count(*) FROM ip_case' 2>/dev/null || echo 0; }

npm run --silent build
for spec in "$SMALL_DB:$SMALL_CASES" "$LARGE_DB:$LARGE_CASES"; do
  db=${spec%%:*}; n=${spec##*:}
  have=$(cases_in "$db")
  if [[ ${P7_REGENERATE:-} == 1 || $have -lt $n ]]; then
    echo "generating $db: $n cases, $((n * 10)) audit entries" >&2
    node --max-old-space-size=6144 dist/apps/api/src/seed-bulk/seed-bulk.js --cases "$n" --audit $((n * 10)) --database-url "$PGURL/$db" --fresh >&2
  fi
done

# Not called in a command substitution: PIDS and DIRS must reach the cleanup of this shell, not of a subshell.
start_api() { # db, name of the variable that receives the API's URL
  local port dir
  port=$(free_port); dir=$(mktemp -d)
  DIRS+=("$dir")
  PORT=$port DATABASE_URL=$PGURL/$1 DATA_DIR=$dir DEMO=true LOG_LEVEL=warn AUDIT_CHECKPOINT_MS=0 \
    setsid node --max-old-space-size=256 dist/apps/api/src/launcher.js --api >"$dir/api.log" 2>&1 &
  PIDS+=("$!")
  printf -v "$2" '%s' "http://127.0.0.1:$port"
}
start_api "$SMALL_DB" SMALL_API
start_api "$LARGE_DB" LARGE_API
wait_http "$SMALL_API/health"; wait_http "$LARGE_API/health"

mkdir -p "$(dirname "$REPORT")"
# shellcheck disable=SC2086
node dist/bench/p7.bench.js --small "$SMALL_API=$PGURL/$SMALL_DB" --large "$LARGE_API=$PGURL/$LARGE_DB" ${P7_ARGS:-} >"$REPORT" && rc=0 || rc=$?
echo "report: $REPORT" >&2
exit $rc
