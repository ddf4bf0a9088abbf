// A period that ran out is over whether or not the worker has come by (it polls, and may be down): a command on
// the case fires what is past due first and acts on the case as that leaves it (lifecycle.md, "Deadlines").
import type { ClockService } from '@lyg/workflow';
import type { DeadlineRunner } from '../apps/worker/src/deadlines/deadline-runner';
import { exampleComplaint } from './support/complaints';
import { deadlineRow, startDeadlineWorld } from './support/deadline-world';
import type { TestApp } from './support/test-app';
import { type actor, type Cast, uniqueRespondent } from './support/workflow';

const DAY = 86_400_000;

describe('deadlines past due before the worker fired them, and extensions after a breach', () => {
  let t: TestApp;
  let c: Cast;
  let w: ReturnType<typeof actor>;
  let close: () => Promise<void>;
  let runner: DeadlineRunner;
  let clock: ClockService;
  const fresh = () => w.submitted(c, uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
  const deadline = (caseId: string, stage: string) => deadlineRow(t, caseId, stage);
  /** Mails of `template` about the case, to one recipient if given (a notice to the supervisors goes to every one). */
  const mails = async (caseId: string, template: string, to?: string): Promise<number> =>
    (await t.ds.query('SELECT count(*)::int AS n FROM outbox_message WHERE case_id = $1 AND template = $2 AND ($3::text IS NULL OR recipient = $3)', [caseId, template, to ?? null]))[0].n;
  const firings = async (caseId: string): Promise<number> =>
    (await t.ds.query("SELECT count(*)::int AS n FROM audit_entry WHERE case_id = $1 AND action = 'deadline.expired'", [caseId]))[0].n;
  const travelTo = (iso: string) => clock.travel(Date.parse(iso) - clock.now().getTime());

  beforeAll(async () => ({ t, c, w, clock, runner, close } = await startDeadlineWorld()));
  afterEach(() => clock.reset());
  afterAll(() => close());

  it('a correction sent after its 15 days (not yet fired) finds the complaint deemed withdrawn: 409, and the withdrawal is kept', async () => {
    const s = await fresh();
    await w.act(c.examiner, s.id, 'request_correction', { items: ['补充权属证明'], message: '请补充专利证书' }).expect(200);
    const due = new Date((await deadline(s.id, 'awaiting_correction')).due_at).getTime();
    clock.travel(due - 60_000 - Date.now());
    expect((await w.get(c.enterprise, s.id)).body.allowedActions).toContain('resubmit');
    clock.travel(2 * 60_000); // one minute past 24:00 of the last day
    expect((await w.get(c.enterprise, s.id)).body.allowedActions).not.toContain('resubmit');
    const r = await w.act(c.enterprise, s.id, 'resubmit');
    expect(r.status).toBe(409);
    // The firing is committed though the command was refused: the case shows what happened, once.
    const now = (await w.get(c.enterprise, s.id)).body;
    expect({ state: now.state, row: (await deadline(s.id, 'awaiting_correction')).status }).toEqual({ state: 'withdrawn', row: 'expired' });
    // The worker coming by later finds nothing left to fire for this case (other files' cases share the database).
    await runner.runDue(new Date(due + DAY));
    expect({ fired: await firings(s.id), told: await mails(s.id, 'complaint_deemed_withdrawn', 'ip@kangheng.example') }).toEqual({ fired: 1, told: 1 });
  });

  it('an edit of the complaint after the correction period is refused the same way', async () => {
    const s = await fresh();
    await w.act(c.examiner, s.id, 'request_correction', { items: ['补充权属证明'], message: '请补充专利证书' }).expect(200);
    clock.travel(new Date((await deadline(s.id, 'awaiting_correction')).due_at).getTime() + 60_000 - Date.now());
    const r = await t
      .http()
      .patch(`/api/v1/complaints/${s.id}`)
      .set('authorization', `Bearer ${c.enterprise.token}`)
      .send({ requestedRemedies: ['stop_infringement'] });
    expect(r.status).toBe(409);
    expect((await w.get(c.enterprise, s.id)).body.state).toBe('withdrawn');
  });

  it('a stage left after its due time but before the worker fired is a breach: slaBreached, the supervisor told, once', async () => {
    const s = await fresh();
    const due = new Date((await deadline(s.id, 'screening')).due_at).getTime();
    clock.travel(due + 60_000 - Date.now());
    const accepted = await w.act(c.examiner, s.id, 'accept', { route: 'court_referral', overrideReason: '仅请求赔偿' });
    expect(accepted.status).toBe(200);
    expect({ state: accepted.body.state, slaBreached: accepted.body.slaBreached }).toEqual({ state: 'court_referral', slaBreached: true });
    expect((await deadline(s.id, 'screening')).status).toBe('breached');
    await runner.runDue(new Date(due + 2 * DAY));
    expect({ fired: await firings(s.id), told: await mails(s.id, 'deadline_breached', c.supervisor.email) }).toEqual({ fired: 1, told: 1 });
  });

  it('a command on time fires nothing: no breach, one version step, the stage left on time', async () => {
    const s = await fresh();
    const accepted = await w.act(c.examiner, s.id, 'accept', { route: 'court_referral', overrideReason: '仅请求赔偿' });
    expect({ status: accepted.status, slaBreached: accepted.body.slaBreached, version: accepted.body.version }).toEqual({ status: 200, slaBreached: false, version: s.version + 1 });
    expect((await deadline(s.id, 'screening')).status).toBe('met');
  });

  it('an extension after the filing review ran out is refused (409) and not offered, and nothing of it is kept', async () => {
    const s = await fresh();
    await w.act(c.examiner, s.id, 'accept', { route: 'administrative_enforcement', overrideReason: '当事人拒绝调解' }).expect(200);
    const due = new Date((await deadline(s.id, 'administrative_enforcement.filing_review')).due_at).getTime();
    expect((await w.get(c.supervisor, s.id)).body.allowedActions).toContain('extend');
    await runner.runDue(new Date(due + 60_000));
    expect((await deadline(s.id, 'administrative_enforcement.filing_review')).status).toBe('breached');
    clock.travel(due + 120_000 - Date.now());
    expect((await w.get(c.supervisor, s.id)).body.allowedActions).not.toContain('extend');
    const r = await w.act(c.supervisor, s.id, 'extend', { reason: '案情复杂' });
    const row = await deadline(s.id, 'administrative_enforcement.filing_review');
    expect({ status: r.status, extension: row.extension }).toEqual({ status: 409, extension: 0 });
    expect(await mails(s.id, 'deadline_extended')).toBe(0);
  });

  it('an extension on time lengthens the period by 15 working days', async () => {
    const s = await fresh();
    await w.act(c.examiner, s.id, 'accept', { route: 'administrative_enforcement', overrideReason: '当事人拒绝调解' }).expect(200);
    const before = await deadline(s.id, 'administrative_enforcement.filing_review');
    const r = await w.act(c.supervisor, s.id, 'extend', { reason: '案情复杂' });
    expect(r.status).toBe(200);
    const after = await deadline(s.id, 'administrative_enforcement.filing_review');
    expect({ extension: after.extension, later: new Date(after.due_at) > new Date(before.due_at) }).toEqual({ extension: 15, later: true });
  });

  it('reconsideration may be requested until the window row ends, counted on the calendar (Saturday → Monday), not after', async () => {
    travelTo('2026-11-25T09:00:00+08:00'); // a Wednesday
    const s = await fresh();
    await w.act(c.examiner, s.id, 'accept', { route: 'police_transfer_review', overrideReason: '非法经营数额达到刑事追诉标准' }).expect(200);
    await w.act(c.supervisor, s.id, 'approve_transfer').expect(200);
    travelTo('2026-11-25T10:00:00+08:00');
    expect((await w.act(c.police, s.id, 'police_decline', { reason: '未达立案标准' })).body.state).toBe('police_transfer_review.declined');
    // 3 days: Saturday 11-28, a rest day, moves to Monday 11-30 (Civil Code Art. 203).
    const shown = (await w.get(c.supervisor, s.id)).body.deadlines as { stage: string; dueDate: string; clock: string }[];
    expect(shown.find((d) => d.stage === 'police_transfer_review.reconsideration_request')).toMatchObject({ dueDate: '2026-11-30', clock: 'calendar_days' });
    travelTo('2026-11-30T23:00:00+08:00');
    expect((await w.get(c.supervisor, s.id)).body.allowedActions).toContain('request_reconsideration');

    const late = await fresh(); // the same path, asked one minute after the window
    travelTo('2026-11-25T09:00:00+08:00');
    await w.act(c.examiner, late.id, 'accept', { route: 'police_transfer_review', overrideReason: '非法经营数额达到刑事追诉标准' }).expect(200);
    await w.act(c.supervisor, late.id, 'approve_transfer').expect(200);
    travelTo('2026-11-25T10:00:00+08:00');
    await w.act(c.police, late.id, 'police_decline', { reason: '未达立案标准' }).expect(200);
    travelTo('2026-12-01T00:01:00+08:00');
    expect((await w.get(c.supervisor, late.id)).body.allowedActions).not.toContain('request_reconsideration');
    expect((await w.act(c.supervisor, late.id, 'request_reconsideration', { reason: '补充证据' })).status).toBe(409);
    expect((await w.get(c.supervisor, late.id)).body.state).not.toBe('police_transfer_review.declined');

    travelTo('2026-11-30T23:00:00+08:00'); // the first, still within its window
    expect((await w.act(c.supervisor, s.id, 'request_reconsideration', { reason: '涉案金额已补充证据' })).status).toBe(200);
  });
});
