import { createUser, startTestApp, type TestApp } from './support/test-app';
import { actor, cast } from './support/workflow';

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
    expect(bad.body.errors).toEqual([{ field: 'holidays[0]', code: 'range_reversed', message: `起始日 ${year}-01-05 晚于结束日 ${year}-01-02` }]);
    // Every bad line by its own name, in the reader's language; nothing stored.
    const lines = await t
      .http()
      .put(`/api/v1/admin/calendar/${year}`)
      .set('authorization', `Bearer ${admin.token}`)
      .set('accept-language', 'en')
      .send({ holidays: [{ from: `${year}-01-01`, to: `${year}-01-03` }, { from: `${year}-01-03`, to: `${year}-01-04` }], workdays: [`${year}-02-21`, `${year}-01-01`, `${year + 1}-01-06`] });
    expect(lines.status).toBe(422);
    expect(lines.body.errors).toEqual([
      { field: 'holidays[1]', code: 'overlaps', message: 'overlaps holidays[0]' },
      { field: 'workdays[0]', code: 'not_a_weekend', message: `${year}-02-21 is not a Saturday or Sunday: make-up working days are weekend days` },
      { field: 'workdays[1]', code: 'inside_holiday', message: `${year}-01-01 is inside the holiday holidays[0]` },
      { field: 'workdays[2]', code: 'not_in_year', message: `${year + 1}-01-06 is not in ${year}` },
    ]);
    expect(await t.ds.query('SELECT 1 FROM calendar_year WHERE year = $1', [year])).toEqual([]);
    // A date that is no date is named by its line too, among the make-up days as among the holidays.
    const notDates = await t
      .http()
      .put(`/api/v1/admin/calendar/${year}`)
      .set('authorization', `Bearer ${admin.token}`)
      .set('accept-language', 'en')
      .send({ holidays: [{ from: `${year}-02-30`, to: `${year}-03-01` }], workdays: [`${year}-02-07`, `${year}-02-31`] });
    expect(notDates.status).toBe(422);
    const notADate = notDates.body.errors.filter((e: { code: string }) => e.code === 'date');
    expect(notADate).toEqual([
      { field: 'holidays[0].from', code: 'date', message: 'must be a valid date (YYYY-MM-DD)' },
      { field: 'workdays[1]', code: 'date', message: 'must be a valid date (YYYY-MM-DD)' },
    ]);
    // The year of the path: a number within the years a calendar describes, else 422 naming it.
    for (const [path, code] of [['20x7', 'type_integer'], ['1800', 'min'], ['2300', 'max']]) {
      const r = await t.http().get(`/api/v1/calendar/${path}`);
      expect({ path, status: r.status, errors: r.body.errors }).toEqual({ path, status: 422, errors: [expect.objectContaining({ field: 'year', code })] });
    }
    const ok = await t.http().put(`/api/v1/admin/calendar/${year}`).set('authorization', `Bearer ${admin.token}`).send(body);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ year, known: true });
    const [{ n }] = await t.ds.query("SELECT count(*)::int AS n FROM audit_entry WHERE action = 'calendar_year_set' AND details::jsonb->>'year' = $1", [String(year)]);
    expect(n).toBe(1);
    await t.ds.query('DELETE FROM calendar_year WHERE year = $1', [year]);
  });

  it('a year set while a calculation reads the calendar is in force as soon as it commits (the old data is not kept)', async () => {
    const admin = await createUser(t, 'admin', null);
    const year = 2091; // a year no other test reads
    const ask = async () => (await t.http().get(`/api/v1/calendar/deadline?from=${year - 1}-12-29&period=2&clock=working_days`)).body;
    // 2091 not known: weekends only, provisional (29 December 2090 is a Friday: Monday 1 and Tuesday 2 January).
    expect(await ask()).toMatchObject({ dueDate: `${year}-01-02`, provisional: true });
    // A running deadline the new year moves, its case held by a command, so the change waits for it mid-way.
    const c = await cast(t);
    const s = await actor(t).submitted(c);
    await t.ds.query("UPDATE case_deadline SET provisional = true WHERE case_id = $1 AND stage = 'screening'", [s.id]);
    const holder = t.ds.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query('SELECT 1 FROM ip_case WHERE id = $1 FOR UPDATE', [s.id]);
      const put = t.http().put(`/api/v1/admin/calendar/${year}`).set('authorization', `Bearer ${admin.token}`).send({ holidays: [{ from: `${year}-01-01`, to: `${year}-01-03` }], workdays: [] }).then((r) => r);
      // The change is under way (its row written, waiting for the case): a calculation now reads the old data.
      for (let i = 0; i < 100; i++) {
        const [w] = await t.ds.query('SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted');
        if (w.n > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await ask()).toMatchObject({ dueDate: `${year}-01-02`, provisional: true });
      await holder.rollbackTransaction();
      const done = await put;
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ year, known: true });
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
    // At once, not after the cache's minute: 1–3 January are holidays, so two working days end on Friday the 5th.
    expect((await ask()).dueDate).toBe(`${year}-01-05`);
    await t.ds.query('DELETE FROM calendar_year WHERE year = $1', [year]);
  });
});
