// R6 (quality.md): the worker is down (kill -9) past deadlines. Time is moved the way an outage moves it: while the
// workers are dead, the deadline rows' due times are put in the past (the operator's database role; the product has
// no clock to move from outside), then two workers start at once. Each due deadline fires exactly once; a deadline
// of a stage the case already left does nothing — not when its row was closed on leaving, and not when a firing
// raced the stage change and found the row still open.
import { Checker, settleOutbox } from './harness/checker';
import { ApiClient, complaint, Ledger } from './harness/client';
import { sleep, waitFor } from './harness/processes';
import { pick } from './harness/scale';
import { FaultWorld } from './harness/world';

interface Row {
  id: string;
  state: string;
  version: number;
  sla_breached: boolean;
  due_at: Date | null;
}

describe('R6: worker down past a deadline', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    world = await FaultWorld.start({ name: 'r6', workers: 2 });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('the deadline fires once after the restart; a deadline for a stage the case already left does nothing', async () => {
    const per = pick(10, 3);
    const ledger = new Ledger();
    const client = new ApiClient([world.apiUrl(0)], ledger);
    const enterprise = await client.login(0, 'enterprise@demo.example');
    const examiner = await client.login(0, 'examiner@demo.example');
    let n = 0;
    const act = async (id: string, action: string, token: string, body?: Record<string, unknown>) => {
      const r = await client.call(0, 'POST', `/cases/${id}/actions/${action}`, { op: 'action', token, body, caseId: id, action });
      expect(r.status).toBe(200);
      return r.json!;
    };
    const submitted = async () => {
      const c = await client.call(0, 'POST', '/complaints', { op: 'create', token: enterprise, body: complaint(n), idempotencyKey: `r6-${n++}` });
      expect(c.status).toBe(201);
      return String((await act(String(c.json!.id), 'submit', enterprise)).id);
    };
    const accept = (id: string) => act(id, 'accept', examiner, { route: 'fast_track', overrideReason: '快速维权通道' });

    // corrections: the complainant's correction period runs out → withdrawn. screenings: the screening period runs
    // out → breached. left: accepted, the screening row closed on leaving. raced: accepted, but the screening row is
    // still open (as when a firing raced the acceptance).
    const corrections: string[] = [];
    const screenings: string[] = [];
    const left: string[] = [];
    const raced: string[] = [];
    for (let i = 0; i < per; i++) {
      const a = await submitted();
      await act(a, 'request_correction', examiner, { items: ['补充权属证明'], message: '请补充' });
      corrections.push(a);
      screenings.push(await submitted());
      const c = await submitted();
      await accept(c);
      left.push(c);
      const d = await submitted();
      await accept(d);
      raced.push(d);
    }
    const all = [...corrections, ...screenings, ...left, ...raced];
    const viewOf = async (id: string) => (await client.call(0, 'GET', `/cases/${id}`, { op: 'get', token: examiner })).json!;
    const viewsBefore = new Map<string, Record<string, unknown>>();
    for (const id of [...left, ...raced]) viewsBefore.set(id, await viewOf(id));

    // The workers die; while they are down, the periods run out.
    await Promise.all(world.workers.map((w) => w.kill()));
    const killedAt = Date.now();
    const past = "now() - interval '1 minute'";
    await world.query(`UPDATE case_deadline SET due_at = ${past} WHERE case_id = ANY($1) AND stage = 'awaiting_correction'`, [corrections]);
    await world.query(`UPDATE case_deadline SET due_at = ${past} WHERE case_id = ANY($1) AND stage = 'screening'`, [[...screenings, ...left]]);
    await world.query(`UPDATE case_deadline SET due_at = ${past}, status = 'active', closed_at = NULL WHERE case_id = ANY($1) AND stage = 'screening'`, [raced]);
    const before = new Map((await world.query<Row>('SELECT id, state, version, sla_breached, due_at FROM ip_case WHERE id = ANY($1)', [all])).map((r) => [r.id, r]));
    const leftRows = await world.query<{ id: string; status: string; fired_at: Date | null; closed_at: Date | null }>(
      "SELECT id, status, fired_at, closed_at FROM case_deadline WHERE case_id = ANY($1) AND stage = 'screening' ORDER BY id",
      [left],
    );
    await sleep(2000);
    // Nothing fired while the workers were down (a failure lists what did, and when, against the kill).
    const early = await world.query<{ stage: string; status: string; fired_at: Date; due_at: Date }>(
      'SELECT stage, status, fired_at, due_at FROM case_deadline WHERE case_id = ANY($1) AND fired_at IS NOT NULL ORDER BY fired_at',
      [all],
    );
    expect(early.map((r) => ({ ...r, killedAt: new Date(killedAt).toISOString() }))).toEqual([]);

    // Both workers come back at once and race for the missed deadlines.
    await Promise.all(world.workers.map((w) => w.start()));
    await waitFor('the missed deadlines to fire', async () => {
      const [{ open }] = await world.query<{ open: number }>(
        "SELECT count(*)::int AS open FROM case_deadline WHERE case_id = ANY($1) AND stage IN ('awaiting_correction', 'screening') AND status = 'active' AND due_at < now()",
        [[...corrections, ...screenings, ...raced]],
      );
      return open === 0;
    }, 60_000, 250);
    await sleep(3000); // a few more polls of both workers: a second firing would show now

    const expiries = async (ids: string[]) =>
      new Map((await world.query<{ case_id: string; n: number }>(
        "SELECT case_id, count(*)::int AS n FROM audit_entry WHERE action = 'deadline.expired' AND case_id = ANY($1) GROUP BY 1", [ids],
      )).map((r) => [r.case_id, r.n]));
    const after = new Map((await world.query<Row>('SELECT id, state, version, sla_breached, due_at FROM ip_case WHERE id = ANY($1)', [all])).map((r) => [r.id, r]));

    // Fired once: the correction periods withdrew their complaints, the screening periods were breached.
    const fired = await expiries([...corrections, ...screenings]);
    for (const id of corrections) {
      expect(fired.get(id)).toBe(1);
      expect(after.get(id)).toMatchObject({ state: 'withdrawn', version: before.get(id)!.version + 1 });
    }
    for (const id of screenings) {
      expect(fired.get(id)).toBe(1);
      expect(after.get(id)).toMatchObject({ state: 'screening', sla_breached: true, version: before.get(id)!.version + 1 });
    }
    // The supervisors were told of each breach once (one message per recipient, not one per worker).
    const breachMail = await world.query<{ case_id: string; recipient: string; n: number }>(
      "SELECT case_id, recipient, count(*)::int AS n FROM outbox_message WHERE template = 'deadline_breached' AND case_id = ANY($1) GROUP BY 1, 2",
      [screenings],
    );
    expect(new Set(breachMail.map((m) => m.case_id)).size).toBe(screenings.length);
    expect(breachMail.filter((m) => m.n !== 1)).toEqual([]);

    // Left stages: nothing happened to the cases, whether the row was closed or still open.
    const stale = await expiries([...left, ...raced]);
    expect(stale.size).toBe(0);
    for (const id of [...left, ...raced]) {
      const b = before.get(id)!;
      expect(after.get(id)).toEqual(b);
      const view = await viewOf(id);
      expect({ state: view.state, version: view.version, slaBreached: view.slaBreached, deadlines: view.deadlines }).toEqual({
        state: viewsBefore.get(id)!.state, version: viewsBefore.get(id)!.version, slaBreached: viewsBefore.get(id)!.slaBreached, deadlines: viewsBefore.get(id)!.deadlines,
      });
    }
    // A closed row is not even picked up.
    const leftRowsAfter = await world.query<{ id: string; status: string; fired_at: Date | null; closed_at: Date | null }>(
      "SELECT id, status, fired_at, closed_at FROM case_deadline WHERE case_id = ANY($1) AND stage = 'screening' ORDER BY id",
      [left],
    );
    expect(leftRowsAfter).toEqual(leftRows);
    // A raced row is done with (closed), so it neither fires again nor shows on the case or orders the queue.
    const racedRows = await world.query<{ status: string; fired_at: Date | null; closed_at: Date | null }>(
      "SELECT status, fired_at, closed_at FROM case_deadline WHERE case_id = ANY($1) AND stage = 'screening'",
      [raced],
    );
    expect(racedRows.every((r) => r.fired_at !== null && r.closed_at !== null)).toBe(true);

    expect((await settleOutbox(world, 120_000)).pending).toBe(0);
    const checker = new Checker(world, ledger);
    try {
      const report = await checker.all({ client, supervisorToken: await client.login(0, 'supervisor@demo.example') });
      console.log(`R6 ${per} cases of each kind; ${[...fired.values()].reduce((s, x) => s + x, 0)} deadlines fired after the restart\n${report.summary()}\n${JSON.stringify(report.figures)}`);
      expect(report.failures()).toEqual([]);
    } finally {
      checker.close();
    }
  });
});
