import { exampleComplaint } from './support/complaints';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';
import { actor, type Cast, cast, uniqueRespondent } from './support/workflow';

// `?q=` in queue order reads each matching party's first page from its (name, queue order) index (P7); a term
// matching more than 100 names, or shorter than three characters, is matched on the case table. Either way the pages
// must be exactly those of the plain query: every case whose number is the term or whose party names contain it.
describe('case search in queue order', () => {
  let t: TestApp;
  let c: Cast;
  const tag = Math.random().toString(36).slice(2, 8);
  const complainant = `连云港检索${tag}医药有限公司`;

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    const { submitted } = actor(t);
    // 14 cases of one complainant against 7 respondents, and 3 of another complainant against one of them.
    for (let i = 0; i < 14; i++) {
      const k = exampleComplaint({ uscc: c.uscc, name: complainant });
      await submitted(c, { ...k, respondent: { ...k.respondent, name: `海州区检索${tag}药房${i % 7}号`, uscc: null } });
    }
    for (let i = 0; i < 3; i++) {
      const k = exampleComplaint({ uscc: c.uscc, name: `灌云另一${tag}公司` });
      await submitted(c, { ...k, respondent: { ...k.respondent, name: `海州区检索${tag}药房3号`, uscc: null } });
    }
    // 101 more names containing one term (drafts count: party names are kept from the first save).
    for (let i = 0; i < 101; i++) {
      const k = exampleComplaint({ uscc: c.uscc, name: complainant });
      await t.http().post('/api/v1/complaints').set('authorization', `Bearer ${c.enterprise.token}`)
        .send({ ...k, respondent: { ...k.respondent, name: `宽泛${tag}词商行${i}`, uscc: null } });
    }
  }, 180_000);
  afterAll(() => t.close());

  /** The plain query's order: what the examiner may see, matching the term, in queue order. */
  async function expected(term: string, state?: string): Promise<string[]> {
    const like = `%${term}%`;
    const rows: { id: string }[] = await t.ds.query(
      `SELECT id FROM ip_case WHERE state <> 'draft' AND ($3::text IS NULL OR state = $3)
          AND (case_number = upper($1) OR complainant_name ILIKE $2 OR respondent_name ILIKE $2)
        ORDER BY coalesce(due_at, 'infinity'::timestamptz), -priority, coalesce(submitted_at, 'infinity'::timestamptz), id`,
      [term, like, state ?? null],
    );
    return rows.map((r) => r.id);
  }

  /** The plain query newest first: the filer's own cases (drafts too) or, with no organisation, the examiner's. */
  async function expectedRecent(term: string, organizationId: string | null): Promise<string[]> {
    const rows: { id: string }[] = await t.ds.query(
      `SELECT id FROM ip_case WHERE ($3::uuid IS NULL AND state <> 'draft' OR organization_id = $3)
          AND (case_number = upper($1) OR complainant_name ILIKE $2 OR respondent_name ILIKE $2)
        ORDER BY created_at DESC, id DESC`,
      [term, `%${term}%`, organizationId],
    );
    return rows.map((r) => r.id);
  }

  /** Every page of the search, following the cursors. */
  async function pages(query: string, limit = 4, token = c.examiner.token): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 50; n++) {
      const url = `/api/v1/cases?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.http().get(url).set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      const body = res.body as { items: { id: string }[]; nextCursor: string | null };
      ids.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return ids;
  }

  it.each([
    ['a complainant by full name', () => complainant],
    ['a complainant by part of the name', () => `检索${tag}医药`],
    ['a respondent with cases of two complainants', () => `海州区检索${tag}药房3号`],
    ['several respondents at once', () => `检索${tag}药房`],
  ])('finds %s, page by page, exactly as the plain query orders them', async (_what, term) => {
    const want = await expected(term());
    expect(want.length).toBeGreaterThan(0);
    expect(await pages(`q=${encodeURIComponent(term())}`)).toEqual(want);
  });

  it('keeps the list filters inside each party page', async () => {
    const want = await expected(`检索${tag}药房`, 'screening');
    expect(await pages(`q=${encodeURIComponent(`检索${tag}药房`)}&state=screening`, 3)).toEqual(want);
  });

  it('finds a case by its number', async () => {
    const [{ case_number: number, id }]: { case_number: string; id: string }[] = await t.ds.query(
      'SELECT case_number, id FROM ip_case WHERE complainant_name = $1 AND case_number IS NOT NULL ORDER BY case_number LIMIT 1',
      [complainant],
    );
    expect(await pages(`q=${number.toLowerCase()}`)).toEqual([id]);
    // By the year and the serial, or the serial alone (with or without its leading zeros): every case of that serial.
    const [, year, serial] = /^LYG-IP-(\d{4})-(\d{6})$/.exec(number)!;
    expect(await pages(`q=${year}-${Number(serial)}`)).toEqual([id]);
    expect(await pages(`q=IP-${year}-${serial}`)).toEqual([id]);
    const sameSerial: { id: string }[] = await t.ds.query(
      `SELECT id FROM ip_case WHERE state <> 'draft' AND case_number LIKE $1
        ORDER BY coalesce(due_at, 'infinity'::timestamptz), -priority, coalesce(submitted_at, 'infinity'::timestamptz), id`,
      [`LYG-IP-____-${serial}`],
    );
    expect(sameSerial.map((r) => r.id)).toContain(id);
    expect(await pages(`q=${serial}`)).toEqual(sameSerial.map((r) => r.id));
    // A short serial also matches party names that contain those digits; the numbered cases are among the results.
    const ids = sameSerial.map((r) => r.id);
    expect((await pages(`q=${Number(serial)}`, 20)).filter((x) => ids.includes(x))).toEqual(ids);
  });

  it('a term matching more than 100 party names, or too short for trigrams, gives the plain query its pages', async () => {
    expect(await pages(`q=${encodeURIComponent(`${tag}`)}`, 5)).toEqual(await expected(tag));
    expect(await pages(`q=${encodeURIComponent('检索')}`, 7)).toEqual(await expected('检索'));
  });

  // An enterprise's own list is newest first: each party's page comes from (organisation, name, creation).
  it.each([
    ['its own name (drafts included)', () => complainant, 9],
    ['a respondent', () => `海州区检索${tag}药房3号`, 2],
    ['several respondents at once', () => `检索${tag}药房`, 4],
    ['a term matching more than 100 names (plain query)', () => `${tag}词商行`, 11],
  ])("an enterprise's search of %s pages newest first exactly as the plain query", async (_what, term, limit) => {
    const want = await expectedRecent(term(), c.enterprise.organizationId);
    expect(want.length).toBeGreaterThan(limit);
    expect(await pages(`q=${encodeURIComponent(term())}`, limit, c.enterprise.token)).toEqual(want);
  });

  it('newest first pages through cases made within one millisecond (microseconds apart) exactly once each', async () => {
    const term = `同毫秒${tag}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const k = exampleComplaint({ uscc: c.uscc, name: complainant });
      const d = await t.http().post('/api/v1/complaints').set('authorization', `Bearer ${c.enterprise.token}`)
        .send({ ...k, respondent: { ...k.respondent, name: `${term}商行${i}`, uscc: null } });
      expect(d.status).toBe(201);
      ids.push(d.body.id);
    }
    // PostgreSQL keeps microseconds; an instant in a cursor has milliseconds only. (Far ahead: the first page.)
    await t.ds.query(
      "UPDATE ip_case SET created_at = '2090-12-07T08:00:00.123Z'::timestamptz + (array_position($1::uuid[], id) * interval '100 microseconds') WHERE id = ANY($1::uuid[])",
      [ids],
    );
    const want = await expectedRecent(term, c.enterprise.organizationId);
    expect(want).toHaveLength(5);
    expect(await pages(`q=${encodeURIComponent(term)}`, 1, c.enterprise.token)).toEqual(want);
    expect((await pages('sort=recent', 2, c.enterprise.token)).filter((id) => ids.includes(id))).toEqual(want);
  });

  it('staff searching newest first get the plain query its pages too', async () => {
    const term = `检索${tag}药房`;
    expect(await pages(`q=${encodeURIComponent(term)}&sort=recent`, 4)).toEqual(await expectedRecent(term, null));
  });
});

// A stage's several states in queue order (`state=fast_track`) are read as one short range of the queue index per
// state (P7); the pages must be those of the plain query.
describe('a stage of several states in queue order', () => {
  let t: TestApp;
  let c: Cast;

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    const w = actor(t);
    // 9 fast-track cases of this examiner: every third one waiting for an expert (its clock stopped).
    for (let i = 0; i < 9; i++) {
      const s = await w.submitted(c, uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
      await t.http().post(`/api/v1/cases/${s.id}/claim`).set('authorization', `Bearer ${c.examiner.token}`).expect(200);
      expect((await w.act(c.examiner, s.id, 'accept', { route: 'fast_track', overrideReason: '证据材料已线下核验' })).status).toBe(200);
      if (i % 3 === 0) expect((await w.act(c.examiner, s.id, 'request_expert_opinion')).body.state).toBe('fast_track.awaiting_expert');
    }
  }, 120_000);
  afterAll(() => t.close());

  it('pages the stage exactly as the plain query orders it', async () => {
    const want: { id: string }[] = await t.ds.query(
      `SELECT id FROM ip_case WHERE assignee_id = $1 AND state IN ('fast_track.examining', 'fast_track.awaiting_expert')
        ORDER BY coalesce(due_at, 'infinity'::timestamptz), -priority, coalesce(submitted_at, 'infinity'::timestamptz), id`,
      [c.examiner.id],
    );
    expect(want).toHaveLength(9);
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 20; n++) {
      const res: { status: number; body: unknown } = await t.http().get(`/api/v1/cases?state=fast_track&assignee=me&sort=due&limit=2${cursor ? `&cursor=${cursor}` : ''}`).set('authorization', `Bearer ${c.examiner.token}`);
      expect(res.status).toBe(200);
      ids.push(...(res.body as { items: { id: string }[] }).items.map((i) => i.id));
      cursor = (res.body as { nextCursor: string | null }).nextCursor;
      if (!cursor) break;
    }
    expect(ids).toEqual(want.map((r) => r.id));
  });
});
