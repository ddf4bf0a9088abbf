// Found by the fault suite (R5): a command that reads the holiday calendar through a second pooled connection while
// its transaction holds the case's row lock starves the pool when the other requests for that case queue on the
// lock, each holding a connection; everyone then waits out the pool's connect timeout and is told 503.
import { CalendarService } from '@lyg/workflow';
import { exampleComplaint } from './support/complaints';
import { startTestApp, type TestApp } from './support/test-app';
import { actor, cast, type Cast, uniqueRespondent } from './support/workflow';

describe('commands on one case with a small pool', () => {
  let t: TestApp;
  let c: Cast;
  let w: ReturnType<typeof actor>;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '3' });
    c = await cast(t);
    w = actor(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('12 concurrent actions while the calendar is due to be read again: one wins, the rest 412, nobody waits out the pool', async () => {
    const s = await w.submitted(c, uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
    // The calendar's copy has expired (it is kept for a minute): the winner reads it again inside its transaction.
    (t.app.get(CalendarService) as unknown as { cached: unknown }).cached = null;
    const t0 = Date.now();
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        w.act(c.examiner, s.id, 'accept', { route: 'fast_track', overrideReason: '快速维权通道' }).set('if-match', `"${s.version}"`),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(11).fill(412)]);
    expect(Date.now() - t0).toBeLessThan(4000);
  });
});
