#!/usr/bin/env node
// Closed-loop HTTP load against the API, the method of the bare-nest anchor's load.mjs (Node built-ins only).
//   node bench/api-load.mjs <BASE> intake  [--connections 32] [--seconds 20]   P1: POST /complaints + submit
//   node bench/api-load.mjs <BASE> action  [--connections 16] [--seconds 20]   P3: one workflow action per request
//   node bench/api-load.mjs <BASE> claims  [--connections 64] [--cases 10000]  P4: claim-next until the queue is empty
// Prints one JSON line with the figures. Uses the demo accounts (the API must run with DEMO=true).
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values: opt, positionals } = parseArgs({
  allowPositionals: true,
  options: { connections: { type: 'string' }, seconds: { type: 'string' }, cases: { type: 'string' } },
});
const BASE = (positionals[0] ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const mode = positionals[1] ?? 'intake';
const seconds = Number(opt.seconds ?? 20);
const conns = Number(opt.connections ?? { intake: 32, action: 16, claims: 64 }[mode]);

async function call(method, path, token, body) {
  const res = await fetch(BASE + '/api/v1' + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: res.status, json, text };
}
const login = async (email) => (await call('POST', '/auth/login', null, { email, password: 'demo-pass-2026' })).json.accessToken;

const RESPONDENTS = Array.from({ length: 400 }, (_, i) => `连云港市海州区第${i}号药房`);
const complaint = () => ({
  language: 'zh-CN',
  complainant: { name: '连云港康恒医药有限公司', uscc: '91320706MA1XK7H21A', country: 'CN', size: 'sme', regionCode: '320706',
    contactName: '王敏', contactEmail: 'ip@kangheng.example', contactPhone: '+86 518 8555 0101' },
  respondent: { name: RESPONDENTS[randomInt(RESPONDENTS.length)], uscc: null, country: 'CN', regionCode: '320706',
    address: '连云港市海州区', onlineStoreUrl: null, platform: null, contactEmail: null },
  ipRights: [{ type: 'invention_patent', number: 'ZL202310586421.6', title: '一种缓释片剂及其制备方法',
    holder: '连云港康恒医药有限公司', validUntil: '2043-05-10', niceClasses: null }],
  infringement: { conducts: ['sale'], channel: 'offline', industry: 'new_medicine', regionCode: '320706', firstKnownAt: '2026-10-08',
    description: `被投诉方在其门店销售落入涉案专利保护范围的缓释片剂，我方已公证购买取证。#${randomInt(1e9)}`,
    estimatedTurnoverCny: randomInt(200000), estimatedGainsCny: null, estimatedLossCny: null, priorWarningSent: false, urls: [] },
  requestedRemedies: ['stop_infringement', 'administrative_penalty'],
});

const lat = [];
let ok = 0;
let errors = 0;
const samples = [];
const fail = (w) => { errors++; if (samples.length < 5) samples.push(w); };
const timed = async (fn) => { const t = performance.now(); const r = await fn(); lat.push(performance.now() - t); return r; };

const enterprise = await login('enterprise@demo.example');
const examiner = await login('examiner@demo.example');
let extra = {};
const t0 = performance.now();

if (mode === 'intake') {
  const end = Date.now() + seconds * 1000;
  let submits = 0;
  await Promise.all(Array.from({ length: conns }, async () => {
    while (Date.now() < end) {
      const c = await timed(() => call('POST', '/complaints', enterprise, complaint()));
      if (c.status !== 201) { fail(`create ${c.status} ${c.text.slice(0, 160)}`); continue; }
      ok++;
      const s = await timed(() => call('POST', `/cases/${c.json.id}/actions/submit`, enterprise));
      if (s.status === 200) submits++; else fail(`submit ${s.status} ${s.text.slice(0, 160)}`);
    }
  }));
  extra = { submits };
} else if (mode === 'action') {
  // One fast-track case per connection, toggled between examining and awaiting an expert opinion.
  const cases = [];
  for (let i = 0; i < conns; i++) {
    const c = await call('POST', '/complaints', enterprise, complaint());
    await call('POST', `/cases/${c.json.id}/actions/submit`, enterprise);
    const a = await call('POST', `/cases/${c.json.id}/actions/accept`, examiner, { route: 'fast_track', overrideReason: 'benchmark' });
    if (a.status !== 200) throw new Error(`accept: ${a.status} ${a.text}`);
    cases.push(c.json.id);
  }
  const end = Date.now() + seconds * 1000;
  await Promise.all(cases.map(async (id) => {
    let waiting = false;
    while (Date.now() < end) {
      const action = waiting ? 'expert_opinion_received' : 'request_expert_opinion';
      const r = await timed(() => call('POST', `/cases/${id}/actions/${action}`, examiner));
      if (r.status === 200) { ok++; waiting = !waiting; } else fail(`${action} ${r.status} ${r.text.slice(0, 160)}`);
    }
  }));
} else if (mode === 'claims') {
  // One examiner's token on every connection (64 sign-ins of one account at once from one address are refused past
  // LOGIN_MAX_FAILURES: the throttle counts attempts in flight, so that concurrent guesses cannot all be checked).
  const claimers = Array.from({ length: conns }, () => examiner);
  const claimed = [];
  await Promise.all(claimers.map(async (token) => {
    for (;;) {
      const r = await timed(() => call('POST', '/cases/claim-next?state=screening', token));
      if (r.status === 204) return;
      if (r.status !== 200) { fail(`claim ${r.status} ${r.text.slice(0, 160)}`); continue; }
      ok++;
      claimed.push(r.json.id);
    }
  }));
  extra = { distinctCases: new Set(claimed).size, doubleClaims: claimed.length - new Set(claimed).size };
} else {
  throw new Error(`unknown mode ${mode}`);
}

const elapsed = (performance.now() - t0) / 1000;
lat.sort((a, b) => a - b);
const pct = (p) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] : NaN);
const perSecond = (mode === 'intake' ? extra.submits : ok) / elapsed;
console.log(JSON.stringify({ mode, connections: conns, seconds: +elapsed.toFixed(1), ok, errors, perSecond: +perSecond.toFixed(1),
  p50: +pct(0.5).toFixed(1), p99: +pct(0.99).toFixed(1), ...extra, samples }));
