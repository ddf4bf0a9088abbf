// S1 and S2 of quality.md as a generated matrix: every protected operation of the served OpenAPI document × every
// role × own / other organisation (test/support/security-matrix.ts holds the expectation table), and every
// operation × every kind of broken token.
import { ROLES } from '@lyg/domain';
import { ACCESS, isAgencyRole, type Operation, plannedCalls, problemDefect, protectedOperations, PUBLIC_OPERATIONS, send } from '../support/security-matrix';
import { badTokens, bearer, buildWorld, type World } from '../support/security-world';
import { startTestApp, type TestApp } from '../support/test-app';

describe('S1 access matrix: every operation × every role × own / other organisation', () => {
  let t: TestApp;
  let w: World;
  let ops: Operation[];

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    ops = (await protectedOperations(t)).protected;
  }, 120_000);
  afterAll(() => t.close());

  it('the OpenAPI document lists the API, and every protected operation has a row in the expectation table', () => {
    expect(ops.length).toBeGreaterThanOrEqual(25);
    const missing = ops.map((o) => o.key).filter((k) => !ACCESS[k]);
    // A new route needs a decision about who may call it: add its row to ACCESS in test/support/security-matrix.ts.
    expect(missing).toEqual([]);
    const stale = Object.keys(ACCESS).filter((k) => !ops.some((o) => o.key === k));
    expect(stale).toEqual([]);
  });

  it('every role of the contract is in the matrix, each agency also as another organisation of its kind', () => {
    expect(new Set(w.subjects.map((s) => s.role))).toEqual(new Set(ROLES));
    expect(w.subjects.filter((s) => s.visibleCase === null).map((s) => s.label)).toEqual(['officer (another bureau)', 'supervisor (another bureau)', 'police (other organisation)']);
  });

  // One test per caller, so a failure names the role; each lists every disagreement at once.
  const labels = [
    'enterprise (filer)',
    'enterprise (other organisation)',
    'examiner',
    'supervisor',
    'mediator',
    'officer',
    'officer (another bureau)',
    'supervisor (another bureau)',
    'police (receiving)',
    'police (other organisation)',
    'court',
    'customs',
    'procuratorate',
    'admin',
  ];
  it.each(labels)('%s: other organisation → 404, wrong role → 403, allowed → the expected answer, never 5xx', async (label) => {
    const s = w.subjects.find((x) => x.label === label)!;
    const wrong: string[] = [];
    let calls = 0;
    for (const { call, access } of plannedCalls(ops, s)) {
      const res = await send(t, call.op.method, call.url, bearer(s.user), access?.body?.(w, s) ?? (call.op.method === 'GET' || call.op.method === 'DELETE' ? undefined : {}));
      calls++;
      const where = `${call.op.key}${call.note ? ` [${call.note}]` : ''} ${call.which} ${call.url.replace(/[0-9a-f-]{36}/g, (id) => nameOf(w, id))}`;
      if (res.status >= 500) wrong.push(`${where}: ${res.status} (5xx)`);
      else if (!call.expected.includes(res.status)) wrong.push(`${where}: ${res.status}, expected ${call.expected.join('|')} ${JSON.stringify(res.body).slice(0, 160)}`);
      const defect = problemDefect(res);
      if (defect) wrong.push(`${where}: problem document: ${defect}`);
      // A refusal never carries case data.
      if ([403, 404].includes(res.status) && JSON.stringify(res.body).match(/caseNumber|complainant/)) wrong.push(`${where}: refusal carries case data`);
    }
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThan(25);
  });

  it('lists are scoped: each caller lists only cases it may see (checked against the rule written out in SQL)', async () => {
    const wrong: string[] = [];
    for (const s of w.subjects) {
      const res = await t.http().get('/api/v1/cases?limit=100&sort=recent').set(bearer(s.user));
      expect(res.status).toBe(200);
      const ids = (res.body.items as { id: string }[]).map((c) => c.id);
      if (!ids.length) continue;
      // contract.md "Visibility", independently of apps/api/src/cases/case-scope.ts.
      // A bureau's officers and head: that bureau's cases (its enforcement and the police transfers its officers follow
      // up, whose bureau is the one triage named for enforcement).
      // A bureau without an active organisation is served by market regulation (the city's IP office).
      const kind = "(SELECT kind FROM organization WHERE id = $3)";
      const served = (b: string) => `(CASE WHEN EXISTS (SELECT 1 FROM organization x WHERE x.kind = ${b} AND x.active) THEN ${b} ELSE 'market_regulation' END)`;
      const bureau = served("coalesce(CASE WHEN competent_agency LIKE '%_bureau' OR competent_agency = 'market_regulation' THEN competent_agency END, snapshot->'context'->'triage'->>'enforcementAgency')");
      const [rule, params]: [string, unknown[]] =
        s.role === 'enterprise'
          ? ['organization_id = $2', [s.user.organizationId]]
          : ['examiner', 'admin'].includes(s.role)
            ? ["state <> 'draft'", []]
            : s.role === 'supervisor'
              ? [`state <> 'draft' AND (${kind} = 'protection_center' OR assignee_id = $2 OR (route IN ('administrative_enforcement', 'police_transfer_review') AND ${bureau} = ${kind}))`, [s.user.id, s.user.organizationId]]
              : s.role === 'mediator'
                ? ["(route = 'mediation' OR assignee_id = $2)", [s.user.id]]
                : s.role === 'officer'
                  ? [`(assignee_id = $2 OR (route IN ('administrative_enforcement', 'police_transfer_review') AND ${bureau} = ${kind}))`, [s.user.id, s.user.organizationId]]
                  : ['transferred_to = $2', [s.user.organizationId]];
      const ok: { id: string }[] = await t.ds.query(`SELECT id FROM ip_case WHERE id = ANY($1) AND ${rule}`, [ids, ...params]);
      const outside = ids.filter((id) => !ok.some((r) => r.id === id));
      if (outside.length) wrong.push(`${s.label}: ${outside.map((id) => nameOf(w, id)).join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('agencies see only cases transferred to their own organisation, and only the evidence shared with it', async () => {
    const mine = { police: w.cases.police, court: w.cases.court, customs: w.cases.customs, procuratorate: w.cases.procuratorate };
    for (const s of w.subjects.filter((x) => isAgencyRole(x.role))) {
      const listed = await t.http().get('/api/v1/cases?limit=100&sort=recent').set(bearer(s.user));
      const ids = (listed.body.items as { id: string }[]).map((c) => c.id);
      for (const [kind, id] of Object.entries(mine)) {
        const own = s.visibleCase === id;
        expect({ who: s.label, kind, listed: ids.includes(id) }).toEqual({ who: s.label, kind, listed: own });
        expect({ who: s.label, kind, get: (await t.http().get(`/api/v1/cases/${id}`).set(bearer(s.user))).status }).toEqual({ who: s.label, kind, get: own ? 200 : 404 });
      }
      if (s.visibleCase) {
        const ev = await t.http().get(`/api/v1/cases/${s.visibleCase}/evidence`).set(bearer(s.user));
        expect((ev.body.items as { id: string }[]).map((e) => e.id)).toEqual([s.visibleEvidence]);
      }
    }
    const unshared = await t.http().get(`/api/v1/evidence/${w.evidence.policeUnshared}/content`).set(bearer(w.users.police));
    expect(unshared.status).toBe(404);
  });

  it('the case data a 404 stands for cannot be told apart from a case that does not exist', async () => {
    const other = await t.http().get(`/api/v1/cases/${w.cases.screeningB}`).set(bearer(w.users.enterprise));
    const none = await t.http().get(`/api/v1/cases/00000000-0000-4000-8000-000000000000`).set(bearer(w.users.enterprise));
    const bad = await t.http().get(`/api/v1/cases/not-a-uuid`).set(bearer(w.users.enterprise));
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    expect(other.status).toBe(404);
    expect(strip(other.body)).toEqual(strip(none.body));
    expect(strip(bad.body)).toEqual(strip(none.body));
  });
});

describe('S2 tokens on every protected operation', () => {
  let t: TestApp;
  let ops: Operation[];
  let all: Operation[];
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    ({ protected: ops, all } = await protectedOperations(t));
  }, 120_000);
  afterAll(() => t.close());

  it('no token, another scheme, alg none, another algorithm, wrong key, expired, not yet valid, tampered, truncated → 401 problem', async () => {
    const tokens = badTokens(w.users.enterprise);
    const wrong: string[] = [];
    for (const op of ops) {
      const url = op.path.replace('{id}', w.cases.screeningA).replace('{action}', 'withdraw').replace(/\{\w+\}/g, '2199');
      for (const [what, header] of tokens) {
        const res = await send(t, op.method, url, header ? { authorization: header } : {}, op.method === 'GET' || op.method === 'DELETE' ? undefined : {});
        if (res.status !== 401 || res.body.code !== 'unauthenticated' || problemDefect(res)) wrong.push(`${op.key} with ${what}: ${res.status} ${res.body.code}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a token in the query string is not a credential', async () => {
    const res = await t.http().get(`/api/v1/cases?access_token=${w.users.enterprise.token}`);
    expect(res.status).toBe(401);
  });

  it('the public operations are exactly login, the calendar, the respondent link and the audit public keys (and /health)', async () => {
    const open = all.filter((o) => PUBLIC_OPERATIONS.some((re) => re.test(o.key))).map((o) => o.key);
    expect(open.every((k) => /auth\/login|calendar|respond|health|audit\/public-keys/.test(k))).toBe(true);
    for (const key of open.filter((k) => k.startsWith('GET') && !k.includes('{token}'))) {
      const res = await t.http().get(key.slice(4).replace('{year}', '2026') + (key.includes('deadline') ? '?from=2026-11-25&period=5' : ''));
      expect({ key, status: res.status }).toEqual({ key, status: 200 });
    }
  });
});

function nameOf(w: World, id: string): string {
  for (const [k, v] of Object.entries(w.cases)) if (v === id) return `case:${k}`;
  for (const [k, v] of Object.entries(w.evidence)) if (v === id) return `evidence:${k}`;
  return id.slice(0, 8);
}
