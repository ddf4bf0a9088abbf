import { exampleComplaint } from './support/complaints';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';
import { actor, type Cast, cast } from './support/workflow';

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
  });
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

  /** Every page of the search, following the cursors. */
  async function pages(query: string, limit = 4): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 50; n++) {
      const url = `/api/v1/cases?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.http().get(url).set('authorization', `Bearer ${c.examiner.token}`);
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
  });

  it('a term matching more than 100 party names, or too short for trigrams, gives the plain query its pages', async () => {
    expect(await pages(`q=${encodeURIComponent(`${tag}`)}`, 5)).toEqual(await expected(tag));
    expect(await pages(`q=${encodeURIComponent('检索')}`, 7)).toEqual(await expected('检索'));
  });
});
