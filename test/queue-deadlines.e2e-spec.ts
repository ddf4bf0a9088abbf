import { verifyChain } from '@lyg/audit';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { ClockService } from '@lyg/workflow';
import { DeadlineRunner } from '../apps/worker/src/deadlines/deadline-runner';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { exampleComplaint } from './support/complaints';
import { createUser, startTestApp, testConfig, type TestApp, type TestUser } from './support/test-app';
import { actor, cast, type Cast, uniqueRespondent } from './support/workflow';

describe('queues and deadlines', () => {
  let t: TestApp;
  let c: Cast;
  let w: ReturnType<typeof actor>;
  let worker: INestApplicationContext;
  let runner: DeadlineRunner;
  const fresh = () => w.submitted(c, uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
  const claim = (u: TestUser, id: string) => t.http().post(`/api/v1/cases/${id}/claim`).set('authorization', `Bearer ${u.token}`);
  const deadline = async (caseId: string, stage: string) =>
    (await t.ds.query('SELECT * FROM case_deadline WHERE case_id = $1 AND stage = $2 ORDER BY started_at DESC LIMIT 1', [caseId, stage]))[0];
  /** The due instant of a stage's deadline plus a minute: the controllable clock the worker is run at. */
  const after = async (caseId: string, stage: string) => new Date(new Date((await deadline(caseId, stage)).due_at).getTime() + 60_000);

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    w = actor(t);
    worker = await NestFactory.createApplicationContext(WorkerModule.register(testConfig({ WORKER_POLL_MS: '0' })), { logger: false });
    runner = worker.get(DeadlineRunner);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('64 concurrent claimers: exactly one gets the case, the others are told it is taken', async () => {
    const s = await fresh();
    const claimers = [c.examiner, ...(await Promise.all(Array.from({ length: 63 }, () => createUser(t, 'examiner', c.examiner.organizationId, 'zh-CN', { login: false }))))];
    const results = await Promise.all(claimers.map((u) => claim(u, s.id)));
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(63);
    const [{ assignee_id }] = await t.ds.query('SELECT assignee_id FROM ip_case WHERE id = $1', [s.id]);
    expect(winners[0].body.assignee).toBe(assignee_id);
    const [{ n }] = await t.ds.query("SELECT count(*)::int AS n FROM audit_entry WHERE case_id = $1 AND action = 'claim'", [s.id]);
    expect(n).toBe(1);
  });

  it('claim-next: 64 concurrent claimers each get a different case of the queue, never the same one twice', async () => {
    const cases = await Promise.all(Array.from({ length: 20 }, () => fresh()));
    for (const s of cases) await w.act(c.examiner, s.id, 'accept', { route: 'customs_referral', overrideReason: 'r' }).expect(200);
    const claimers = await Promise.all(Array.from({ length: 64 }, () => createUser(t, 'examiner', c.examiner.organizationId, 'zh-CN', { login: false })));
    const results = await Promise.all(
      claimers.map((u) => t.http().post('/api/v1/cases/claim-next?state=customs_referral').set('authorization', `Bearer ${u.token}`)),
    );
    const claimed = results.filter((r) => r.status === 200).map((r) => r.body.id as string);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.length).toBeGreaterThanOrEqual(20);
    expect(results.every((r) => r.status === 200 || r.status === 204)).toBe(true);
    const mine = new Set(cases.map((x) => x.id));
    const rows = await t.ds.query('SELECT assignee_id FROM ip_case WHERE id = ANY($1)', [[...mine]]);
    expect(rows.every((r: { assignee_id: string | null }) => r.assignee_id !== null)).toBe(true);
    // Each answer is the case as the claim left it: its claimer as assignee, the version the row has now.
    for (const [i, r] of results.entries()) {
      if (r.status !== 200) continue;
      const [row] = await t.ds.query('SELECT assignee_id, version FROM ip_case WHERE id = $1', [r.body.id]);
      expect({ assignee: r.body.assignee, version: r.body.version }).toEqual({ assignee: claimers[i].id, version: row.version });
      expect(row.assignee_id).toBe(claimers[i].id);
    }
  });

  it('claim-next takes the head of the queue: the earliest due of the unassigned cases in the state asked for', async () => {
    const cases = await Promise.all(Array.from({ length: 3 }, () => fresh()));
    for (const s of cases) await w.act(c.examiner, s.id, 'accept', { route: 'customs_referral', overrideReason: 'r' }).expect(200);
    // One of them made the most urgent of the whole queue.
    await t.ds.query("UPDATE ip_case SET due_at = now() - interval '3650 days' WHERE id = $1", [cases[1].id]);
    const claimer = await createUser(t, 'examiner', c.examiner.organizationId, 'zh-CN', { login: false });
    const r = await t.http().post('/api/v1/cases/claim-next?state=customs_referral').set('authorization', `Bearer ${claimer.token}`);
    expect(r.status).toBe(200);
    expect({ id: r.body.id, assignee: r.body.assignee, state: r.body.state }).toEqual({ id: cases[1].id, assignee: claimer.id, state: expect.stringMatching(/^customs_referral/) });
  });

  it('release frees the case; a supervisor reassigns it; queue filters by assignee', async () => {
    const s = await fresh();
    await claim(c.examiner, s.id).expect(200);
    const mine = await t.http().get('/api/v1/cases?assignee=me').set('authorization', `Bearer ${c.examiner.token}`);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(s.id);
    const rel = await t.http().post(`/api/v1/cases/${s.id}/release`).set('authorization', `Bearer ${c.examiner.token}`);
    expect(rel.body.assignee).toBeNull();
    const re = await t.http().post(`/api/v1/cases/${s.id}/assign`).set('authorization', `Bearer ${c.supervisor.token}`).send({ assigneeId: c.examiner.id });
    expect(re.body.assignee).toBe(c.examiner.id);
    expect((await t.http().post(`/api/v1/cases/${s.id}/assign`).set('authorization', `Bearer ${c.examiner.token}`).send({ assigneeId: c.examiner.id })).status).toBe(403);
  });

  it('the screening queue is ordered by due time, then priority, then submission', async () => {
    const q = await t.http().get('/api/v1/cases?state=screening&limit=100').set('authorization', `Bearer ${c.examiner.token}`);
    const keys = q.body.items.map((i: { deadlines: { stage: string; dueAt: string }[]; priority: number; submittedAt: string }) => [
      i.deadlines.find((d) => d.stage === 'screening')?.dueAt ?? '9999',
      -i.priority,
      i.submittedAt,
    ]);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || (a[2] < b[2] ? -1 : 1)));
    expect(keys).toEqual(sorted);
  });

  it('a screening deadline past due is breached once: the case is flagged and the supervisor notified', async () => {
    const s = await fresh();
    const at = await after(s.id, 'screening');
    await runner.runDue(at);
    const row = await deadline(s.id, 'screening');
    expect(row.status).toBe('breached');
    expect(row.fired_at).not.toBeNull();
    const got = (await w.get(c.examiner, s.id)).body;
    expect(got.slaBreached).toBe(true);
    expect(got.deadlines.find((d: { stage: string }) => d.stage === 'screening').breached).toBe(true);
    const mails = await t.ds.query("SELECT count(*)::int AS n FROM outbox_message WHERE case_id = $1 AND template = 'deadline_breached'", [s.id]);
    // A second (or late) firing changes nothing.
    await runner.runDue(new Date(at.getTime() + 86_400_000));
    const again = await t.ds.query("SELECT count(*)::int AS n FROM outbox_message WHERE case_id = $1 AND template = 'deadline_breached'", [s.id]);
    expect(mails[0].n).toBeGreaterThan(0);
    expect(again[0].n).toBe(mails[0].n);
    const [{ fired }] = await t.ds.query("SELECT count(*)::int AS fired FROM audit_entry WHERE case_id = $1 AND action = 'deadline.expired'", [s.id]);
    expect(fired).toBe(1);
  });

  it('a correction period that runs out withdraws the complaint, fired exactly once after a worker outage', async () => {
    const s = await fresh();
    await w.act(c.examiner, s.id, 'request_correction', { items: ['补充权属证明'], message: '请补充' }).expect(200);
    const at = await after(s.id, 'awaiting_correction');
    // The worker was down past the due time: it fires on its first run, and two runners racing fire it once.
    const [a, b] = await Promise.all([runner.runDue(at), runner.runDue(at)]);
    expect(a.fired + b.fired).toBeGreaterThanOrEqual(1);
    const got = (await w.get(c.enterprise, s.id)).body;
    expect(got.state).toBe('withdrawn');
    const [{ n }] = await t.ds.query("SELECT count(*)::int AS n FROM audit_entry WHERE case_id = $1 AND action = 'deadline.expired' AND details::jsonb->>'stage' = 'awaiting_correction'", [s.id]);
    expect(n).toBe(1);
  });

  it('at 80 % of the screening period the assignee is reminded, once', async () => {
    const s = await fresh();
    await claim(c.examiner, s.id).expect(200);
    const row = await deadline(s.id, 'screening');
    const at = new Date(new Date(row.reminder_at).getTime() + 1000);
    expect(at.getTime()).toBeLessThan(new Date(row.due_at).getTime());
    await runner.runReminders(new Date(new Date(row.reminder_at).getTime() - 60_000));
    const none = await t.ds.query("SELECT count(*)::int AS n FROM outbox_message WHERE case_id = $1 AND template = 'deadline_reminder'", [s.id]);
    expect(none[0].n).toBe(0);
    await runner.runReminders(at);
    await runner.runReminders(at);
    const sent = await t.ds.query("SELECT recipient, data FROM outbox_message WHERE case_id = $1 AND template = 'deadline_reminder'", [s.id]);
    expect(sent).toHaveLength(1);
    expect(sent[0].recipient).toBe(c.examiner.email);
    expect(sent[0].data).toMatchObject({ stage: 'screening', dueDate: row.due_date instanceof Date ? expect.any(String) : row.due_date });
  });

  it('a deadline of a stage the case already left does nothing when it fires', async () => {
    const s = await fresh();
    const row = await deadline(s.id, 'screening');
    await w.act(c.examiner, s.id, 'accept', { route: 'fast_track', overrideReason: 'r' }).expect(200);
    // Pretend the row was still active (a firing that raced the acceptance).
    await t.ds.query("UPDATE case_deadline SET status = 'active', fired_at = NULL WHERE id = $1", [row.id]);
    const before = (await w.get(c.examiner, s.id)).body;
    await runner.runDue(new Date(new Date(row.due_at).getTime() + 60_000));
    const afterRun = (await w.get(c.examiner, s.id)).body;
    expect(afterRun.state).toBe(before.state);
    expect(afterRun.slaBreached).toBe(false);
    // Nothing shows of it either: the stale row is closed, not left open as a breach of a stage the case is not in
    // (which would list on the case and order the queue by the next action).
    expect(afterRun.deadlines).toEqual(before.deadlines);
    expect(afterRun.version).toBe(before.version);
    const fired = (await t.ds.query('SELECT status, fired_at, closed_at FROM case_deadline WHERE id = $1', [row.id]))[0];
    expect(fired).toMatchObject({ status: 'cancelled', fired_at: expect.any(Date), closed_at: expect.any(Date) });
    // The next action recomputes the queue's due time: the expert opinion stops the only running clock, and the old
    // screening row is not counted (left open, it would put the case first in the queue as overdue).
    await w.act(c.examiner, s.id, 'request_expert_opinion', { reason: '技术比对' }).expect(200);
    const [{ due_at }] = await t.ds.query('SELECT due_at FROM ip_case WHERE id = $1', [s.id]);
    expect(due_at).toBeNull();
  });

  it('a firing and a command on the same case never wait on each other crosswise (no deadlock, no 500)', async () => {
    const s = await fresh();
    // This case's screening period is the only one due at `at` (long past), so the worker's first pick is this row.
    await t.ds.query("UPDATE case_deadline SET due_at = '2000-01-01T00:00:00Z' WHERE case_id = $1 AND stage = 'screening'", [s.id]);
    const at = new Date('2000-01-01T00:01:00Z');
    // A command in progress holds the case row, as every command does first (lockVisible)…
    const command = await t.ds.createQueryRunner();
    await command.connect();
    try {
      await command.startTransaction();
      await command.query('SELECT id FROM ip_case WHERE id = $1 FOR UPDATE', [s.id]);
      // …while the worker looks for due deadlines…
      const firing = runner.runDue(at);
      await new Promise((r) => setTimeout(r, 300));
      // …and the command then leaves the stage, closing the stage's deadline row (what closeDeadline does).
      await command.query("UPDATE case_deadline SET status = 'met', closed_at = now() WHERE case_id = $1 AND stage = 'screening' AND closed_at IS NULL", [s.id]);
      await command.commitTransaction();
      // The worker passed the busy case by; the row was closed by the command, so nothing fires afterwards either.
      expect(await firing).toEqual({ fired: 0, stale: 0 });
      expect(await runner.runDue(at)).toEqual({ fired: 0, stale: 0 });
    } finally {
      if (command.isTransactionActive) await command.rollbackTransaction();
      await command.release();
    }
    const [{ n }] = await t.ds.query("SELECT count(*)::int AS n FROM audit_entry WHERE case_id = $1 AND action = 'deadline.expired'", [s.id]);
    expect(n).toBe(0);
  });

  it('a correction request stops the screening clock; resubmission days later pushes the due date out', async () => {
    const clock = t.app.get(ClockService);
    try {
      const s = await fresh();
      const before = await deadline(s.id, 'screening');
      clock.travel(86_400_000); // the next day
      await w.act(c.examiner, s.id, 'request_correction', { items: ['补充'], message: '请补充' }).expect(200);
      expect((await deadline(s.id, 'screening')).status).toBe('paused');
      clock.travel(3 * 86_400_000); // three days later the complainant resubmits
      await w.act(c.enterprise, s.id, 'resubmit').expect(200);
      const resumed = (await t.ds.query('SELECT * FROM case_deadline WHERE id = $1', [before.id]))[0];
      expect(resumed.status).toBe('active');
      expect(resumed.pauses).toHaveLength(1);
      expect(resumed.pauses[0].to).not.toBeNull();
      // The stopped days do not count: the screening period ends later than it would have.
      expect(new Date(resumed.due_at).getTime()).toBeGreaterThan(new Date(before.due_at).getTime());
      // The examiners' notice of the resubmission says when screening now completes.
      const [notice] = await t.ds.query("SELECT data FROM outbox_message WHERE case_id = $1 AND template = 'complaint_resubmitted' LIMIT 1", [s.id]);
      expect(new Date(notice.data.dueAt).getTime()).toBe(new Date(resumed.due_at).getTime());
    } finally {
      clock.reset();
    }
  });

  it('the audit chain verifies after all of that', async () => {
    expect(await verifyChain(t.ds.manager)).toMatchObject({ valid: true });
  });
});
