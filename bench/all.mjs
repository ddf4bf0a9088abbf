#!/usr/bin/env node
// `npm run bench`: every performance bar of spec/quality.md in one run, each part by its own script (their output is
// shown as it comes), then one table of the figures with their bars, printed and written into docs/benchmarks.md
// between the `bench:summary` markers. Exit code 1 when a bar fails or a part could not run.
//   npm run bench                    P1–P6, P8, P9 (~15 min on 2 cores)
//   npm run bench -- --p7            also P7 (seeds 1,000,000 cases and 10,000,000 audit entries: ~30 min more)
//   npm run bench -- --only=P2,P6    some parts (P1, P3, P4, P9 run together, as do the two P8 starts)
//   npm run bench -- --no-write      print only
// The API comparison needs ANCHOR_DIR (a writable copy of ../shared/anchors/bare-nest; /tmp/bare-nest by default).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7).toUpperCase().split(',');
const wants = (...ids) => !only || ids.some((id) => only.includes(id));
const withP7 = args.includes('--p7') || only?.includes('P7');

/** Runs a command, streaming its output, and returns what it printed and its exit code. */
function run(cmd, argv) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ out, code: code ?? 1 }));
  });
}

const rows = [];
const row = (id, what, figure, bar, pass) => rows.push({ id, what, figure, bar, result: pass === null ? 'not run' : pass ? 'pass' : 'FAIL' });
const line = (out, re) => out.split('\n').find((l) => re.test(l)) ?? null;
const missing = (id, what, bar, why) => row(id, what, `could not run: ${why}`, bar, false);

const started = new Date();
const load0 = os.loadavg().map((x) => x.toFixed(1)).join(' ');

if (wants('P2')) {
  const { out, code } = await run('npm', ['run', '--silent', 'bench:triage']);
  const m = /result:\s+([\d,]+) decisions\/s/.exec(out);
  if (m) row('P2', 'triage engine, pure, one core', `${m[1]} decisions/s`, '≥ 100,000 decisions/s', code === 0 && /PASS/.test(line(out, /^bar:/) ?? ''));
  else missing('P2', 'triage engine', '≥ 100,000 decisions/s', `exit ${code}`);
}

if (wants('P1', 'P3', 'P4', 'P9')) {
  const { out, code } = await run('bash', ['bench/compare.sh', 'all']);
  const table = (id) => {
    const l = line(out, new RegExp(`^\\| ${id} \\|`));
    if (!l) return null;
    const [, , what, ours, anchor, bar, result] = l.split('|').map((x) => x.trim());
    return { what, figure: anchor === '-' ? ours : `${ours} (anchor ${anchor})`, bar, pass: result === 'pass' };
  };
  for (const id of ['P1', 'P3', 'P4', 'P9']) {
    const t = table(id);
    if (t) row(id, t.what, t.figure, t.bar, t.pass);
    else missing(id, 'API under load beside the anchor', 'see quality.md', `exit ${code}`);
  }
}

// P6 before P5: the evidence run writes gigabytes, whose write-back would fall on the append's commits.
if (wants('P6')) {
  const { out, code } = await run('npm', ['run', '--silent', 'bench:audit']);
  const verification = line(out, /^\s+verification: median/);
  const append = line(out, /^\s+append cost:/);
  if (verification && append) {
    row('P6', 'audit verification', verification.replace(/^\s+verification: median /, '').replace(/ \(bar.*/, ''), '≥ 200,000 entries/s', /PASS/.test(verification));
    row('P6', 'audit append, share of an action over HTTP', append.replace(/^\s+append cost:\s+/, '').replace(/ of an action.*/, ''), '≤ +20 %', /PASS/.test(append));
  } else missing('P6', 'audit', 'see quality.md', `exit ${code}`);
}

if (wants('P5')) {
  const { out, code } = await run('npm', ['run', '--silent', 'bench:evidence']);
  const ratio = line(out, /^\s+ratio:/);
  const rss = line(out, /^\s+API RSS:/);
  const hashes = [line(out, /^\s+SHA-256:/), line(out, /^\s+hashes:/)];
  if (ratio && rss) {
    row('P5', '1 GiB upload: throughput against a direct S3 upload', ratio.replace(/^\s+ratio:\s+/, '').replace(/ — bar.*/, ''), '≥ 50 %', /PASS$/.test(ratio));
    row('P5', '1 GiB upload: API RSS growth', rss.replace(/^\s+API RSS:\s+/, '').replace(/ — bar.*/, ''), '< 128 MiB', /PASS$/.test(rss));
    row('P5', 'hashes (1 GiB, 20 × 50 MiB concurrent)', hashes.map((h) => h?.replace(/^\s+\S+:\s+/, '').replace(/ — (PASS|FAIL)$/, '')).join('; '), 'all correct', hashes.every((h) => h && /PASS$/.test(h)) && code === 0);
  } else missing('P5', 'evidence uploads', 'see quality.md', `exit ${code}`);
}

if (withP7) {
  const { out, code } = await run('bash', ['bench/p7.sh']);
  const verdict = line(out, /^(PASS|FAIL): /);
  if (verdict) row('P7', 'queue list and search, 1 M against 10 k cases (p99 ratio)', verdict.replace(/^(PASS|FAIL): /, ''), '≤ 1.5×', verdict.startsWith('PASS') && code === 0);
  else missing('P7', 'growth', '≤ 1.5×', `exit ${code}`);
} else if (wants('P7')) row('P7', 'queue list and search at 1 M cases', 'not run here (`npm run bench -- --p7`, or `npm run bench:p7`; ~30 min)', '≤ 1.5×', null);

if (wants('P8')) {
  const { out, code } = await run('bash', ['bench/p8.sh']);
  const starts = out.split('\n').filter((l) => /^\| (fresh|warm)/.test(l));
  for (const l of starts) {
    const [, what, figure, bar, result] = l.split('|').map((x) => x.trim());
    row('P8', what, figure, bar, result === 'pass');
  }
  if (!starts.length) missing('P8', 'main command ready', '< 60 s fresh, < 10 s warm', `exit ${code}`);
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'cpu'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, load average ${load0} at the start`;
const failed = rows.filter((r) => r.result === 'FAIL');
const table = [
  `Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC of \`${commit}\`, ${machine}: ` +
    `${failed.length ? `**${failed.length} bar${failed.length > 1 ? 's' : ''} not met** (${[...new Set(failed.map((r) => r.id))].join(', ')})` : 'every bar run here met'}.`,
  '',
  '| id | what | figure | bar | result |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.id} | ${r.what} | ${r.figure.replace(/\|/g, '/')} | ${r.bar} | ${r.result === 'pass' ? 'pass' : `**${r.result}**`} |`),
].join('\n');
console.log(`\n${table}\n`);

if (!args.includes('--no-write') && !only) {
  const file = path.join(root, 'docs/benchmarks.md');
  const doc = readFileSync(file, 'utf8');
  const start = '<!-- bench:summary:start -->';
  const end = '<!-- bench:summary:end -->';
  const block = `${start}\n${table}\n${end}`;
  const next = doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : doc.replace(/\n## /, `\n## Latest \`npm run bench\`\n\n${block}\n\n## `);
  writeFileSync(file, next);
  console.log('written to docs/benchmarks.md ("Latest `npm run bench`")');
}
process.exitCode = failed.length || rows.some((r) => r.figure.startsWith('could not run')) ? 1 : 0;
