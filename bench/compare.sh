#!/usr/bin/env bash
# P1, P3, P4 and P9 of spec/quality.md, side by side with the bare-nest anchor in the same run, on the same
# PostgreSQL server: `npm run bench:api` (ANCHOR_DIR=/path/to/a writable copy of ../shared/anchors/bare-nest).
# One part alone: `bench/compare.sh intake` (P1, P9: `npm run bench:intake`), `actions` (P3: `npm run bench:actions`),
# `claims` (P4: `npm run bench:claims`); each still runs the anchor it is compared with.
# Env: PGURL (server URL, default the local cluster postgres@127.0.0.1:5432), LOAD_S (20), P4_CASES (10000).
set -euo pipefail
WHAT=${1:-all}
case $WHAT in all|intake|actions|claims) ;; *) echo "usage: $0 [all|intake|actions|claims]" >&2; exit 2 ;; esac
wants() { [[ $WHAT == all || $WHAT == "$1" ]]; }
cd "$(dirname "$0")/.."
ANCHOR_DIR=${ANCHOR_DIR:-/tmp/bare-nest}
PGURL=${PGURL:-postgres://postgres@127.0.0.1:5432}
SECS=${LOAD_S:-20}
P4_CASES=${P4_CASES:-10000}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -TERM -- "-$p" 2>/dev/null || true; done; sleep 1; for p in "${PIDS[@]}"; do kill -KILL -- "-$p" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_http() { for _ in $(seq 1 240); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }

if [[ ! -f $ANCHOR_DIR/dist/main.js ]]; then
  rm -rf "$ANCHOR_DIR"; cp -r ../shared/anchors/bare-nest "$ANCHOR_DIR"
  (cd "$ANCHOR_DIR" && npm ci --no-audit --no-fund >/dev/null && npm run --silent build)
fi
npm run --silent build

psql -q "$PGURL/postgres" -c 'DROP DATABASE IF EXISTS lyg_bench WITH (FORCE)' -c 'CREATE DATABASE lyg_bench' -c 'CREATE DATABASE anchor' 2>/dev/null || true
psql -q "$PGURL/anchor" -c 'DROP TABLE IF EXISTS complaint, audit, migrations'

AP=$(free_port); OP=$(free_port)
# Started without a subshell, so that $! is the process itself (a session leader through setsid) and the clean-up
# stops it and everything under it.
PORT=$AP DATABASE_URL=$PGURL/anchor setsid node "$ANCHOR_DIR/dist/main.js" >/tmp/bench-anchor.log 2>&1 &
PIDS+=("$!")
DATA=$(mktemp -d)
PORT=$OP DATABASE_URL=$PGURL/lyg_bench DATA_DIR=$DATA DEMO=true LOG_LEVEL=warn WORKER_POLL_MS=0 \
  setsid node --max-old-space-size=256 dist/apps/api/src/launcher.js --api >/tmp/bench-api.log 2>&1 &
API_PID=$!
PIDS+=("$API_PID")
wait_http "http://127.0.0.1:$AP/health"; wait_http "http://127.0.0.1:$OP/health"

peak_rss() { awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$API_PID/status"; }
anchor() { node "$ANCHOR_DIR/load.mjs" "http://127.0.0.1:$AP" --connections "$1" --seconds "$SECS" | tail -1; }
ours() { node bench/api-load.mjs "http://127.0.0.1:$OP" "$@" --seconds "$SECS" | tail -1; }

echo "run $(date -u +%FT%TZ): $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), node $(node -v), PostgreSQL $(psql -Atq "$PGURL/postgres" -c 'show server_version')"
A1='' O1='' A3='' O3='' O4='' RSS0='' RSS1='' DOUBLE=''
if wants intake || wants claims; then A1=$(anchor 32); echo "anchor 32 conns: $A1"; fi
if wants intake; then
  RSS0=$(ps -o rss= -p "$API_PID" | tr -d ' ')
  O1=$(ours intake --connections 32); echo "P1 ours: $O1"
  RSS1=$(peak_rss)
fi
if wants actions; then
  A3=$(anchor 16); echo "anchor 16 conns: $A3"
  O3=$(ours action --connections 16); echo "P3 ours: $O3"
fi

if wants claims; then
# Alone, the API has not served anything yet: a few seconds of intake warm it up as the earlier parts would have.
[[ $WHAT == claims ]] && node bench/api-load.mjs "http://127.0.0.1:$OP" intake --connections 32 --seconds 5 >/dev/null
# P4: 10,000 queued cases, copies of one submitted case with spread due times and priorities.
psql -q "$PGURL/lyg_bench" <<SQL
UPDATE ip_case SET assignee_id = (SELECT id FROM user_account WHERE role = 'supervisor' LIMIT 1) WHERE state = 'screening';
INSERT INTO ip_case (id, case_number, organization_id, created_by, state, respondent_answer, outcome, route, competent_agency, flags,
  priority, complaint, triage, warnings, snapshot, assignee_id, transferred_to, respondent_key, respondent_name_key, complainant_name,
  respondent_name, due_at, sla_breached, version, submitted_at, closed_at, created_at, updated_at)
SELECT gen_random_uuid(), 'LYG-IP-2099-' || lpad(g::text, 6, '0'), organization_id, created_by, 'screening', respondent_answer, NULL, NULL, NULL,
  flags, (g % 7) * 10, complaint, triage, warnings, snapshot, NULL, NULL, respondent_key, respondent_name_key, complainant_name,
  respondent_name, now() + (g % 97) * interval '1 hour', false, version, now() - g * interval '1 second', NULL, now(), now()
FROM (SELECT * FROM ip_case WHERE case_number IS NOT NULL LIMIT 1) t, generate_series(1, $P4_CASES) g;
ANALYZE ip_case;
SQL
O4=$(node bench/api-load.mjs "http://127.0.0.1:$OP" claims --connections 64 | tail -1); echo "P4 ours: $O4"
DOUBLE=$(psql -Atq "$PGURL/lyg_bench" -c "SELECT count(*) - count(DISTINCT case_id) FROM audit_entry WHERE action = 'claim'")
fi

node - "$A1" "$O1" "$A3" "$O3" "$O4" "$RSS0" "$RSS1" "$DOUBLE" <<'JS'
const [a1, o1, a3, o3, o4, rss0, rss1, dbl] = process.argv.slice(2);
const anchor = (l) => { const m = /: ([\d.]+) submits\/s, p99 ([\d.]+) ms/.exec(l); return { rate: +m[1], p99: +m[2] }; };
const A1 = a1 && anchor(a1), A3 = a3 && anchor(a3), O1 = o1 && JSON.parse(o1), O3 = o3 && JSON.parse(o3), O4 = o4 && JSON.parse(o4);
let failed = false;
const row = (id, what, ours, base, bar, pass) => {
  failed ||= !pass;
  return `| ${id} | ${what} | ${ours} | ${base} | ${bar} | ${pass ? 'pass' : 'FAIL'} |`;
};
console.log('\n| id | what | ours | anchor (same run) | bar | result |\n|---|---|---|---|---|---|');
if (O1) console.log(row('P1', 'create + submit, 32 conns', `${O1.perSecond}/s, p99 ${O1.p99} ms`, `${A1.rate}/s, p99 ${A1.p99} ms`,
  `≥ 1.0× rate (${(O1.perSecond / A1.rate).toFixed(2)}×), p99 ≤ 1.0× (${(O1.p99 / A1.p99).toFixed(2)}×)`, O1.perSecond >= A1.rate && O1.p99 <= A1.p99));
if (O3) console.log(row('P3', 'one workflow action, 16 conns', `${O3.perSecond}/s, p99 ${O3.p99} ms`, `${A3.rate}/s, p99 ${A3.p99} ms`,
  `≥ 1.0× (${(O3.perSecond / A3.rate).toFixed(2)}×), p99 ≤ 1.0× (${(O3.p99 / A3.p99).toFixed(2)}×)`, O3.perSecond >= A3.rate && O3.p99 <= A3.p99));
if (O4) console.log(row('P4', `claim-next, 64 claimers, ${O4.distinctCases} cases`, `${O4.perSecond} claims/s, ${dbl} double claims`, `${A1.rate} submits/s`,
  `0 double, ≥ 1.0× (${(O4.perSecond / A1.rate).toFixed(2)}×)`, +dbl === 0 && O4.perSecond >= A1.rate));
if (O1) console.log(row('P9', 'API RSS under P1 load', `${rss1} MiB peak (${Math.round(rss0 / 1024)} MiB before)`, '-', '< 300 MiB', +rss1 < 300));
const errors = [['P1', O1], ['P3', O3], ['P4', O4]].filter(([, o]) => o).map(([id, o]) => `${id} ${o.errors}${o.samples.length ? ' ' + JSON.stringify(o.samples) : ''}`);
console.log(`\nerrors: ${errors.join(', ')}`);
if (errors.some((e) => !/ 0$/.test(e))) failed = true;
process.exitCode = failed ? 1 : 0;
JS
