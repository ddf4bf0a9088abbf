// rowMapper (libs/database) turns `SELECT c.*` rows into entities without the query builder: for the case row it
// must give exactly what TypeORM's own hydration gives, and it refuses entities with columns node-postgres parses
// differently (a `date` column comes as a Date, where TypeORM gives 'YYYY-MM-DD').
import { CaseDeadline, IpCase, rowMapper } from '@lyg/database';
import { exampleComplaint } from './support/complaints';
import { createOrg, createUser, randomUscc, startTestApp, type TestApp } from './support/test-app';

describe('rowMapper', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('maps a submitted case row exactly as the repository hydrates it (arrays, jsonb, times, nulls)', async () => {
    const uscc = randomUscc();
    const org = await createOrg(t.ds, 'enterprise', { uscc });
    const filer = await createUser(t, 'enterprise', org.id);
    const created = await t.http().post('/api/v1/complaints').set('authorization', `Bearer ${filer.token}`).send(exampleComplaint({ uscc }));
    expect(created.status).toBe(201);
    const submitted = await t.http().post(`/api/v1/cases/${created.body.id}/actions/submit`).set('authorization', `Bearer ${filer.token}`);
    expect(submitted.status).toBe(200);

    const viaTypeorm = await t.ds.getRepository(IpCase).findOneByOrFail({ id: created.body.id });
    const [raw] = await t.ds.query('SELECT c.* FROM ip_case c WHERE c.id = $1', [created.body.id]);
    const mapped = rowMapper(t.ds, IpCase)(raw);
    expect(mapped).toBeInstanceOf(IpCase);
    expect(mapped).toEqual(viaTypeorm);
    expect(mapped.caseNumber).toMatch(/^LYG-IP-\d{4}-\d{6}$/);
    expect(mapped.submittedAt).toBeInstanceOf(Date);
    expect(Array.isArray(mapped.flags)).toBe(true);
    expect(mapped.triage).not.toBeNull();
  });

  it('refuses an entity with a date column', () => {
    expect(() => rowMapper(t.ds, CaseDeadline)).toThrow(/CaseDeadline\.dueDate \(date\)/);
  });
});
