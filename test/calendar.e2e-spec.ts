import { createUser, startTestApp, type TestApp } from './support/test-app';

describe('public deadline calculator and statutory calendar', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('5 working days from Wednesday 2026-11-25 end on 2026-12-02 at 24:00 Shanghai (contract example)', async () => {
    const res = await t.http().get('/api/v1/calendar/deadline?from=2026-11-25&period=5&clock=working_days');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: '2026-11-25',
      period: 5,
      clock: 'working_days',
      dueDate: '2026-12-02',
      dueAt: '2026-12-03T00:00:00+08:00',
      provisional: false,
    });
  });

  it('a calendar-day period ending in Golden Week moves to the next working day', async () => {
    const res = await t.http().get('/api/v1/calendar/deadline?from=2026-09-16&period=15&clock=calendar_days');
    expect(res.body.dueDate).toBe('2026-10-08');
  });

  it('hours run from an instant and are not moved by holidays', async () => {
    const res = await t.http().get(`/api/v1/calendar/deadline?from=${encodeURIComponent('2026-09-30T10:00:00+08:00')}&period=24&clock=hours`);
    expect(res.body).toMatchObject({ dueAt: '2026-10-01T10:00:00+08:00', dueDate: '2026-10-01' });
  });

  it('a date past the known holiday data is provisional', async () => {
    const res = await t.http().get('/api/v1/calendar/deadline?from=2027-03-01&period=5&clock=working_days');
    expect(res.body).toMatchObject({ dueDate: '2027-03-08', provisional: true });
  });

  it('bad parameters give 422 naming the field', async () => {
    const bad = await t.http().get('/api/v1/calendar/deadline?from=2026-02-30&period=5&clock=working_days');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('from');
    const period = await t.http().get('/api/v1/calendar/deadline?from=2026-02-03&period=0');
    expect(period.body.errors[0].field).toBe('period');
    const clock = await t.http().get('/api/v1/calendar/deadline?from=2026-02-03&period=3&clock=weeks');
    expect(clock.body.errors[0]).toMatchObject({ field: 'clock', code: 'enum' });
  });

  it('GET /calendar/:year lists holidays and make-up days and whether the year is known', async () => {
    const y = await t.http().get('/api/v1/calendar/2026');
    expect(y.body).toMatchObject({ year: 2026, known: true });
    expect(y.body.holidays).toContainEqual({ from: '2026-02-15', to: '2026-02-23' });
    expect(y.body.workdays).toContain('2026-02-28');
    expect((await t.http().get('/api/v1/calendar/2031')).body.known).toBe(false);
  });

  it('an administrator adds the next year; bad data is refused whole; others may not', async () => {
    const admin = await createUser(t, 'admin', null);
    const examiner = await createUser(t, 'examiner', null);
    const year = 2090; // a year no other test reads
    const body = { holidays: [{ from: `${year}-01-01`, to: `${year}-01-02` }], workdays: [] };
    expect((await t.http().put(`/api/v1/admin/calendar/${year}`).set('authorization', `Bearer ${examiner.token}`).send(body)).status).toBe(403);
    const bad = await t
      .http()
      .put(`/api/v1/admin/calendar/${year}`)
      .set('authorization', `Bearer ${admin.token}`)
      .send({ holidays: [{ from: `${year}-01-05`, to: `${year}-01-02` }], workdays: [] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].code).toBe('calendar_data');
    const ok = await t.http().put(`/api/v1/admin/calendar/${year}`).set('authorization', `Bearer ${admin.token}`).send(body);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ year, known: true });
    const [{ n }] = await t.ds.query("SELECT count(*)::int AS n FROM audit_entry WHERE action = 'calendar_year_set' AND details::jsonb->>'year' = $1", [String(year)]);
    expect(n).toBe(1);
    await t.ds.query('DELETE FROM calendar_year WHERE year = $1', [year]);
  });
});
