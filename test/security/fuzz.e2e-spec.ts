// S4 of quality.md: property-based fuzzing (fast-check) of ComplaintInput (POST /complaints, PATCH
// /complaints/:id, POST /triage/preview) and of action bodies in several states: never a 5xx, always 2xx or 4xx
// with an RFC 9457 problem document (and errors[] of field/code/message for 422). Also the hostile inputs that
// the fuzzing found answered with 500 before (NUL, lone surrogates, deep nesting, forged cursors), pinned as cases.
import fc from 'fast-check';
import type { Response } from 'supertest';
import { multipart } from '../../libs/evidence/src/testing/http';
import * as samples from '../../libs/evidence/src/testing/samples';
import { exampleComplaint } from '../support/complaints';
import { RespondRateLimiter } from '../../apps/api/src/respond/rate-limit';
import { deepNesting, hostileJson, hostileKey, hostileString, type J, mutated, toJson } from '../support/security-fuzz';
import { problemDefect } from '../support/security-matrix';
import { bearer } from '../support/security-world';
import { createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { actor, cast, type Cast, uniqueRespondent } from '../support/workflow';

// FUZZ_RUNS=3000 for a longer search; the default keeps the suite at a few seconds.
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const TIMEOUT = Math.max(60_000, RUNS * 60);

describe('S4 fuzzing: request bodies never cause a 5xx', () => {
  let t: TestApp;
  let c: Cast;
  let w: ReturnType<typeof actor>;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    w = actor(t);
  }, 60_000);
  afterAll(() => t.close());

  const post = (path: string, body: string, u = c.enterprise) => t.http().post(path).set(bearer(u)).set('content-type', 'application/json').send(body);
  const patch = (path: string, body: string) => t.http().patch(path).set(bearer(c.enterprise)).set('content-type', 'application/json').send(body);

  /** The S4 bar for one answer: not 5xx, 2xx or 4xx, and a 4xx is a complete problem document. */
  function verdict(res: Response, body: string): string | null {
    if (res.status >= 500) return `${res.status} for ${body.slice(0, 300)}: ${JSON.stringify(res.body).slice(0, 300)}`;
    if (res.status < 200 || (res.status >= 300 && res.status < 400)) return `unexpected ${res.status}`;
    const defect = problemDefect(res);
    return defect ? `${res.status} ${defect} for ${body.slice(0, 300)}` : null;
  }
  const holds = (res: Response, body: string) => {
    const v = verdict(res, body);
    if (v) throw new Error(v);
    return true;
  };

  const complaint = () => uniqueRespondent(exampleComplaint({ uscc: c.uscc }));

  it('POST /complaints with any JSON value at all', async () => {
    await fc.assert(
      fc.asyncProperty(hostileJson, async (j) => {
        const body = toJson(j);
        return holds(await post('/api/v1/complaints', body), body);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('POST /complaints with a valid complaint mutated in one to three places (wrong types, huge strings, unicode, prototype keys, deep nesting)', async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(mutated(complaint()), async (j) => {
        const body = toJson(j);
        const res = await post('/api/v1/complaints', body);
        if (res.status === 201) {
          created++;
          expect(res.body).toMatchObject({ state: 'draft', caseNumber: null, version: 1 });
        }
        return holds(res, body);
      }),
      { numRuns: RUNS },
    );
    // Some mutations are harmless (an optional field removed, a valid value): the property saw both outcomes.
    expect(created).toBeGreaterThan(0);
  }, TIMEOUT);

  it('PATCH /complaints/:id on a draft with mutated sections', async () => {
    const d = await post('/api/v1/complaints', JSON.stringify(complaint()));
    expect(d.status).toBe(201);
    const { language: _l, ...sections } = complaint();
    await fc.assert(
      fc.asyncProperty(mutated(sections), async (j) => {
        const body = toJson(j);
        return holds(await patch(`/api/v1/complaints/${d.body.id}`, body), body);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('POST /triage/preview, as an enterprise and as an examiner, with mutated and arbitrary bodies', async () => {
    const valid = { ...complaint(), evidenceKinds: ['right_certificate', 'purchase_record'] };
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated(valid), hostileJson), fc.boolean(), async (j, asExaminer) => {
        const body = toJson(j);
        return holds(await post('/api/v1/triage/preview', body, asExaminer ? c.examiner : c.enterprise), body);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it('action bodies, for several actions in several states, by the role that may take them', async () => {
    const fresh = () => w.submitted(c, complaint());
    const accepted = async (route: string) => {
      const s = await fresh();
      const a = await w.act(c.examiner, s.id, 'accept', { route, overrideReason: '模糊测试：按指定路径受理' });
      if (a.status !== 200) throw new Error(`accept ${route}: ${a.status}`);
      return s.id;
    };
    const make: Record<string, () => Promise<string>> = {
      draft: async () => (await post('/api/v1/complaints', JSON.stringify(complaint()))).body.id as string,
      screening: async () => (await fresh()).id,
      fast_track: () => accepted('fast_track'),
      mediation: () => accepted('mediation'),
      enforcement: async () => {
        const id = await accepted('administrative_enforcement');
        await w.act(c.officer, id, 'file_case');
        return id;
      },
      police: async () => {
        const id = await accepted('police_transfer_review');
        await w.act(c.supervisor, id, 'approve_transfer');
        return id;
      },
      customs: () => accepted('customs_referral'),
    };
    // [state, who, action, the body fields of lifecycle.md]
    const combos: [keyof typeof make, keyof Cast, string, string[]][] = [
      ['draft', 'enterprise', 'submit', []],
      ['screening', 'examiner', 'accept', ['route', 'overrideReason']],
      ['screening', 'examiner', 'request_correction', ['items', 'message']],
      ['screening', 'examiner', 'reject', ['reason']],
      ['screening', 'enterprise', 'withdraw', ['reason']],
      ['fast_track', 'examiner', 'decide', ['outcome', 'summary']],
      ['fast_track', 'examiner', 'escalate', ['route', 'reason']],
      ['mediation', 'supervisor', 'assign_mediator', ['mediatorId']],
      ['enforcement', 'officer', 'suspend', ['reason']],
      ['enforcement', 'officer', 'decide', ['outcome', 'summary']],
      ['enforcement', 'supervisor', 'extend', ['reason']],
      ['police', 'police', 'police_decline', ['reason']],
      ['customs', 'customs', 'report_outcome', ['outcome']],
    ];
    const live: Partial<Record<string, string>> = {};
    const seen = new Set<number>();
    const body = (fields: string[]) =>
      fc.oneof(
        hostileJson,
        fc.array(fc.tuple(fields.length ? fc.oneof(fc.constantFrom(...fields), hostileKey) : hostileKey, hostileJson), { maxLength: 4 }).map((obj): J => ({ obj })),
        fc.constant<J>({ obj: [] }),
        deepNesting,
      );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: combos.length - 1 }).chain((i) => fc.tuple(fc.constant(i), body(combos[i][3]), fc.constantFrom(undefined, '"1"', 'W/"x"', '*', '"99999999999"'))),
        async ([i, j, ifMatch]) => {
          const [state, who, action] = combos[i];
          live[state] ??= await make[state]();
          const text = toJson(j);
          const req = t.http().post(`/api/v1/cases/${live[state]}/actions/${action}`).set(bearer(c[who] as TestUser)).set('content-type', 'application/json');
          const res = await (ifMatch ? req.set('if-match', ifMatch) : req).send(text);
          seen.add(res.status);
          if (res.status === 200) live[state] = undefined; // the case moved on: the next run gets a fresh one
          return holds(res, `${action} ${text}`);
        },
      ),
      { numRuns: RUNS },
    );
    expect([...seen].every((s) => s < 500)).toBe(true);
  }, 2 * TIMEOUT);

  it('nothing was added to Object.prototype, and the app is still healthy', async () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await t.http().get('/health')).status).toBe(200);
  });
});

describe('S4 hostile inputs that once reached PostgreSQL (500) are 422 naming the field', () => {
  let t: TestApp;
  let c: Cast;
  let draftId: string;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    admin = await createUser(t, 'admin', null, 'en', { login: false });
    const d = await t.http().post('/api/v1/complaints').set(bearer(c.enterprise)).send(exampleComplaint({ uscc: c.uscc }));
    draftId = d.body.id;
  });
  afterAll(() => t.close());

  const ex = exampleComplaint();
  const withText = (path: 'description' | 'name', text: string) =>
    path === 'description' ? { ...ex, infringement: { ...ex.infringement, description: text } } : { ...ex, respondent: { ...ex.respondent, name: text } };
  const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

  it.each([
    ['NUL in a complaint text', () => withText('description', '被投诉方在其门店销售仿制\u0000产品，包装高度近似。'), 'infringement.description'],
    ['NUL in a party name', () => withText('name', '海州区\u0000药房'), 'respondent.name'],
    ['a lone surrogate in a party name', () => withText('name', '海州区\ud800药房'), 'respondent.name'],
    ['a prototype key in a section', () => JSON.parse(JSON.stringify(ex).replace('"complainant":{', '"complainant":{"__proto__":{"admin":true},')), 'complainant.__proto__'],
    ['a constructor key at the top', () => JSON.parse(JSON.stringify(ex).replace('{', '{"constructor":{"prototype":{"x":1}},')), 'constructor'],
    ['arrays nested 5,000 deep', () => `{"complainant":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'complainant'],
    ['objects nested 3,000 deep', () => `{"complainant":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`, 'complainant'],
  ])('POST /complaints: %s', async (_what, body, field) => {
    const b = body();
    const res = await t.http().post('/api/v1/complaints').set(bearer(c.enterprise)).set('content-type', 'application/json').send(typeof b === 'string' ? b : JSON.stringify(b));
    expect(res.status).toBe(422);
    expect(problemDefect(res)).toBeNull();
    expect(res.body.errors.map((e: { field: string }) => e.field).some((f: string) => f.startsWith(field))).toBe(true);
  });

  it.each([
    ['GET /cases?q= with NUL', () => '/api/v1/cases?q=a%00b', 'q', 'enterprise'],
    ['GET /cases with a cursor of the wrong shape (recent)', () => `/api/v1/cases?sort=recent&cursor=${cursor(['x', 'y'])}`, 'cursor', 'enterprise'],
    ['GET /cases with a cursor of the wrong shape (queue order)', () => `/api/v1/cases?cursor=${cursor([1, null, null, null])}`, 'cursor', 'examiner'],
    ['GET /cases with a cursor of wrong types in the right places', () => `/api/v1/cases?cursor=${cursor(['2026-01-01T00:00:00.000Z', 'x', 'infinity', 'not-a-uuid'])}`, 'cursor', 'examiner'],
    ['GET /cases/:id/history with a seq past bigint', () => `/api/v1/cases/${draftId}/history?cursor=9999999999999999999`, 'cursor', 'enterprise'],
    ['GET /admin/registered-enterprises?q= with NUL', () => '/api/v1/admin/registered-enterprises?q=%00', 'q', 'admin'],
  ])('%s', async (_what, url, field, who) => {
    const u = who === 'admin' ? admin : c[who as 'enterprise' | 'examiner'];
    const res = await t.http().get(url()).set(bearer(u));
    expect({ status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ status: 422, fields: [field] });
  });

  it('a valid cursor still pages (the shape check lets real cursors through)', async () => {
    for (let i = 0; i < 2; i++) await t.http().post('/api/v1/complaints').set(bearer(c.enterprise)).send(exampleComplaint({ uscc: c.uscc }));
    const first = await t.http().get('/api/v1/cases?sort=recent&limit=1').set(bearer(c.enterprise));
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http().get(`/api/v1/cases?sort=recent&limit=1&cursor=${first.body.nextCursor}`).set(bearer(c.enterprise));
    expect(second.status).toBe(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    const queue = await t.http().get('/api/v1/cases?limit=1').set(bearer(c.examiner));
    const next = await t.http().get(`/api/v1/cases?limit=1&cursor=${queue.body.nextCursor}`).set(bearer(c.examiner));
    expect(next.status).toBe(200);
  });

  it('DELETE /admin/registered-enterprises/:uscc with NUL, and sign-in with NUL in the e-mail', async () => {
    const del = await t.http().delete('/api/v1/admin/registered-enterprises/%00').set(bearer(admin));
    expect(del.status).toBe(422);
    const login = await t.http().post('/api/v1/auth/login').send({ email: 'a\u0000@test.example', password: 'x' });
    expect(login.status).toBe(422);
    expect(login.body.errors[0].field).toBe('email');
  });

  it('evidence with NUL in its description: 422 on description, nothing stored', async () => {
    const { body, contentType } = multipart([
      { name: 'kind', value: 'other' },
      { name: 'description', value: '购买\u0000记录' },
      { name: 'file', filename: 'x.pdf', contentType: 'application/pdf', data: samples.pdf() },
    ]);
    const res = await t.http().post(`/api/v1/complaints/${draftId}/evidence`).set(bearer(c.enterprise)).set('content-type', contentType).send(body);
    expect({ status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ status: 422, fields: ['description'] });
    expect((await t.ds.query('SELECT count(*)::int AS n FROM evidence WHERE case_id = $1', [draftId]))[0].n).toBe(0);
  });
});

describe("S4 fuzzing: the respondent's answer link (public, the token is the credential)", () => {
  let t: TestApp;
  let c: Cast;
  let token: string;
  let limiter: RespondRateLimiter;

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    limiter = t.app.get(RespondRateLimiter);
    // Accepted into the fast track with a respondent e-mail: the notice carries a single-use link.
    const complaint = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    complaint.respondent.contactEmail = 'respondent-s4@test.example';
    const s = await actor(t).submitted(c, complaint);
    const a = await actor(t).act(c.examiner, s.id, 'accept', { route: 'fast_track', overrideReason: '模糊测试：按指定路径受理' });
    expect(a.status).toBe(200);
    const [notice] = await t.ds.query("SELECT data FROM outbox_message WHERE case_id = $1 AND template = 'respondent_notice'", [s.id]);
    token = String(notice.data.link).split('/respond/')[1];
    expect(token).toMatch(/^[\w-]{20,}$/);
  }, 60_000);
  afterAll(() => t.close());

  /** Every byte percent-encoded (a lone surrogate as U+FFFD), or a raw malformed escape as it stands. */
  const segment = (s: string) => (/^%(?:[ED][0-9A-F]|zz|$)/i.test(s) ? s : [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
  const segments = fc.oneof(fc.constantFrom('%ED%A0%80', '%', '%zz', '%C0%AF', '%00'), hostileString.filter((s) => s.length > 0 && s.length < 300));
  const check = (res: Response, what: string) => {
    if (res.status >= 500 || problemDefect(res)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    return true;
  };

  it('evidence ids of every shape (36 dashes, 36 letters, unicode) on a live link: 404, not 500', async () => {
    for (const id of ['-'.repeat(36), 'a'.repeat(36), 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', '00000000-0000-0000-0000-000000000000']) {
      limiter.reset();
      const res = await t.http().get(`/api/v1/respond/${token}/evidence/${id}`);
      expect({ id, status: res.status }).toEqual({ id, status: 404 });
    }
    await fc.assert(
      fc.asyncProperty(segments, async (id) => {
        limiter.reset();
        return check(await t.http().get(`/api/v1/respond/${token}/evidence/${segment(id)}`), `evidence ${JSON.stringify(id)}`);
      }),
      { numRuns: Math.min(RUNS, 100) },
    );
  });

  it('tokens of every shape: never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(segments, async (tok) => {
        limiter.reset();
        return check(await t.http().get(`/api/v1/respond/${segment(tok)}`), `token ${JSON.stringify(tok)}`);
      }),
      { numRuns: Math.min(RUNS, 100) },
    );
  });

  it('answers with any JSON body: never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(hostileJson, async (j) => {
        limiter.reset();
        const body = toJson(j);
        return check(await t.http().post(`/api/v1/respond/${token}`).set('content-type', 'application/json').send(body), `answer ${body.slice(0, 200)}`);
      }),
      { numRuns: Math.min(RUNS, 100) },
    );
  });
});
