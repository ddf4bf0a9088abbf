// Deadlines and the mail about them: an extension's notice gives the new deadline, the respondent is written to in
// the respondent's language and reminded with a link to answer, and a deadline counted on weekends only before the
// next year's holidays were published is counted again when the administrator adds them (lifecycle.md).
import { renderNotice } from '@lyg/notify';
import type { ClockService } from '@lyg/workflow';
import type { DeadlineRunner } from '../apps/worker/src/deadlines/deadline-runner';
import { exampleComplaint } from './support/complaints';
import { deadlineRow, startDeadlineWorld } from './support/deadline-world';
import { createOrg, createUser, type TestApp } from './support/test-app';
import { type actor, type Cast, uniqueRespondent } from './support/workflow';

describe('deadline notices and provisional deadlines', () => {
  let t: TestApp;
  let c: Cast;
  let w: ReturnType<typeof actor>;
  let close: () => Promise<void>;
  let runner: DeadlineRunner;
  let clock: ClockService;
  const deadline = (caseId: string, stage: string) => deadlineRow(t, caseId, stage);
  const mails = (caseId: string, template: string) =>
    t.ds.query('SELECT recipient, language, data FROM outbox_message WHERE case_id = $1 AND template = $2 ORDER BY created_at', [caseId, template]);
  /** Runs the reminders just past `stage`'s 80 % point; whom `template` then went to. */
  const remind = async (caseId: string, stage: string, template = 'deadline_reminder'): Promise<string[]> => {
    const row = await deadline(caseId, stage);
    await runner.runReminders(new Date(new Date(row.reminder_at).getTime() + 1000));
    return (await mails(caseId, template)).map((m: { recipient: string }) => m.recipient);
  };

  beforeAll(async () => ({ t, c, w, clock, runner, close } = await startDeadlineWorld()));
  afterEach(() => clock.reset());
  afterAll(() => close());

  it('the "deadline extended" notice states the new deadline', async () => {
    const s = await w.submitted(c, uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
    await t.http().post(`/api/v1/cases/${s.id}/claim`).set('authorization', `Bearer ${c.examiner.token}`).expect(200);
    await w.act(c.examiner, s.id, 'accept', { route: 'administrative_enforcement', overrideReason: '当事人拒绝调解' }).expect(200);
    // The case went to the officers' queue; the officer who takes it hears of the extension.
    await t.http().post(`/api/v1/cases/${s.id}/claim`).set('authorization', `Bearer ${c.officer.token}`).expect(200);
    await w.act(c.supervisor, s.id, 'extend', { reason: '案情复杂' }).expect(200);
    const [m] = await mails(s.id, 'deadline_extended');
    expect(m.recipient).toBe(c.officer.email);
    const row = await deadline(s.id, 'administrative_enforcement.filing_review');
    expect(row.extension).toBe(15);
    expect(renderNotice('deadline_extended', m.language, m.data).text).toContain(row.due_date);
  });

  it('the respondent is written to in the respondent’s language, not the complainant’s', async () => {
    const base = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    const inChina = { ...base, language: 'en' as const, respondent: { ...base.respondent, country: 'CN', contactEmail: 'shop@respondent.example' } };
    const s = await w.submitted(c, inChina);
    await w.act(c.examiner, s.id, 'accept', { route: 'fast_track', overrideReason: '证据材料已线下核验' }).expect(200);
    const [m] = await mails(s.id, 'respondent_notice');
    expect({ to: m.recipient, language: m.language }).toEqual({ to: 'shop@respondent.example', language: 'zh-CN' });

    const abroad = { ...base, respondent: { ...base.respondent, name: `Harbour Trading ${Math.random()}`, country: 'US', contactEmail: 'ip@harbour.example' } };
    const u = await w.submitted(c, abroad);
    await w.act(c.examiner, u.id, 'accept', { route: 'fast_track', overrideReason: '证据材料已线下核验' }).expect(200);
    expect((await mails(u.id, 'respondent_notice'))[0].language).toBe('en');
  });

  it('the respondent’s 80 % reminder carries a working answer link, and only one answer is taken', async () => {
    const base = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    const s = await w.submitted(c, { ...base, respondent: { ...base.respondent, contactEmail: 'shop2@respondent.example' } });
    await w.act(c.examiner, s.id, 'accept', { route: 'fast_track', overrideReason: '证据材料已线下核验' }).expect(200);
    const [notice] = await mails(s.id, 'respondent_notice');
    const row = await deadline(s.id, 'respondent_answer');
    await runner.runReminders(new Date(new Date(row.reminder_at).getTime() + 1000));
    const [reminder] = await mails(s.id, 'respondent_answer_reminder');
    expect(reminder.recipient).toBe('shop2@respondent.example');
    const text = renderNotice('respondent_answer_reminder', reminder.language, reminder.data).text;
    const token = /\/respond\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];
    expect(token).toBeDefined();
    expect((await t.http().get(`/api/v1/respond/${token}`)).status).toBe(200);
    const statement = '本店销售的缓释片系从正规渠道购进，附进货发票，不知道是侵权产品，已下架停止销售。';
    expect((await t.http().post(`/api/v1/respond/${token}`).send({ statement })).status).toBe(201);
    // The first link is spent with the answer: one answer per case.
    const first = (notice.data.link as string).split('/respond/')[1];
    expect((await t.http().post(`/api/v1/respond/${first}`).send({ statement })).status).toBe(404);
  });

  it('a referral’s reminder reaches the receiving court, which must act, and the center that follows it up', async () => {
    const s = await w.submitted(c, uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
    await t.http().post(`/api/v1/cases/${s.id}/claim`).set('authorization', `Bearer ${c.examiner.token}`).expect(200);
    await w.act(c.examiner, s.id, 'accept', { route: 'court_referral', overrideReason: '仅请求损害赔偿' }).expect(200);
    const to = await remind(s.id, 'court_referral');
    expect(to).toEqual(expect.arrayContaining([c.examiner.email, c.court.email]));
    const [forCourt] = (await mails(s.id, 'deadline_reminder')).filter((m: { recipient: string }) => m.recipient === c.court.email);
    expect(renderNotice('deadline_reminder', forCourt.language, forCourt.data).text).toContain(`/cases/${s.id}`);
  });

  it('the 24-hour package handover reminds the police, whose acknowledgement of receipt meets it, and the center', async () => {
    const s = await w.submitted(c, uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
    await w.act(c.examiner, s.id, 'accept', { route: 'police_transfer_review', overrideReason: '涉嫌犯罪' }).expect(200);
    await w.act(c.supervisor, s.id, 'approve_transfer').expect(200);
    const to = await remind(s.id, 'police_transfer_review.package_handover');
    expect(to).toEqual(expect.arrayContaining([c.police.email]));
  });

  it('a correction period reminds the complainant (contact and filer), who must act, not the examiner', async () => {
    const s = await w.submitted(c, uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
    await t.http().post(`/api/v1/cases/${s.id}/claim`).set('authorization', `Bearer ${c.examiner.token}`).expect(200);
    await w.act(c.examiner, s.id, 'request_correction', { items: ['补充权利证书'], message: '请补充' }).expect(200);
    const row = await deadline(s.id, 'awaiting_correction');
    await runner.runReminders(new Date(new Date(row.reminder_at).getTime() + 1000));
    const reminders = await mails(s.id, 'correction_reminder');
    expect(reminders.map((m: { recipient: string }) => m.recipient).sort()).toEqual([c.enterprise.email, 'ip@kangheng.example'].sort());
    expect(await mails(s.id, 'deadline_reminder')).toEqual([]);
    const text = renderNotice('correction_reminder', reminders[0].language, reminders[0].data).text;
    expect(text).toMatch(/补正截止时间：\d{4}-\d{2}-\d{2} 24:00/);
  });

  it('an unclaimed case reminds its stage\'s queue (the examiners in screening), a pending approval the supervisors', async () => {
    const s = await w.submitted(c, uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
    const to = await remind(s.id, 'screening');
    expect(to).toContain(c.examiner.email);
    expect(to).not.toContain(c.supervisor.email);

    const p = await w.submitted(c, uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
    await t.http().post(`/api/v1/cases/${p.id}/claim`).set('authorization', `Bearer ${c.examiner.token}`).expect(200);
    await w.act(c.examiner, p.id, 'accept', { route: 'police_transfer_review', overrideReason: '涉嫌犯罪' }).expect(200);
    const toApprove = await remind(p.id, 'police_transfer_review.awaiting_approval');
    expect(toApprove).toContain(c.supervisor.email);
    expect(toApprove).not.toContain(c.examiner.email);
  });

  it("a bureau's case reminds that bureau's officers and head only (with the center's heads)", async () => {
    const copyrightBureau = await createOrg(t.ds, 'copyright_bureau');
    const officer = await createUser(t, 'officer', copyrightBureau.id);
    const head = await createUser(t, 'supervisor', copyrightBureau.id);
    const marketHead = await createUser(t, 'supervisor', (await createOrg(t.ds, 'market_regulation')).id);
    const copyrightCase = () => {
      const complaint = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
      complaint.ipRights = [{ type: 'copyright', number: null, title: '连云港城市摄影作品', holder: complaint.complainant.name, validUntil: null, niceClasses: null }];
      return w.submitted(c, complaint);
    };
    const e = await copyrightCase();
    await w.act(c.examiner, e.id, 'accept', { route: 'administrative_enforcement', overrideReason: '线下核验' }).expect(200);
    const toQueue = await remind(e.id, 'administrative_enforcement.filing_review');
    expect(toQueue).toContain(officer.email);
    expect(toQueue).not.toContain(c.officer.email);

    const p = await copyrightCase();
    await w.act(c.examiner, p.id, 'accept', { route: 'police_transfer_review', overrideReason: '涉嫌犯罪' }).expect(200);
    const toApprove = await remind(p.id, 'police_transfer_review.awaiting_approval');
    expect(toApprove).toEqual(expect.arrayContaining([c.supervisor.email, head.email]));
    expect(toApprove).not.toContain(marketHead.email);
  });

  it('a provisional deadline is counted again when the administrator adds the next year: no early firing on a holiday', async () => {
    // Far years no other test file reads (the database and its calendar are shared by the files running at once):
    // 2093 known without holidays, 2094 not yet; its 1 January is a Friday, as 2027's is.
    const admin = await createUser(t, 'admin', null);
    const put = (year: number, holidays: { from: string; to: string }[]) =>
      t.http().put(`/api/v1/admin/calendar/${year}`).set('authorization', `Bearer ${admin.token}`).send({ holidays, workdays: [] });
    const s = await w.submitted(c, uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
    try {
      expect((await put(2093, [])).status).toBe(200);
      // 2093-12-17 10:00 Shanghai: 15 calendar days end on Friday 2094-01-01, past the known holiday data.
      clock.travel(Date.parse('2093-12-17T10:00:00+08:00') - Date.now());
      await w.act(c.examiner, s.id, 'request_correction', { items: ['补充权利证书'], message: '请补充' }).expect(200);
      const before = await deadline(s.id, 'awaiting_correction');
      expect({ due: before.due_date, provisional: before.provisional }).toEqual({ due: '2094-01-01', provisional: true });
      expect((await put(2094, [{ from: '2094-01-01', to: '2094-01-03' }])).status).toBe(200);
      const after = await deadline(s.id, 'awaiting_correction');
      // The last day falls on a holiday → the next working day, Monday 2094-01-04 (Civil Code Art. 203).
      expect({ due: after.due_date, provisional: after.provisional }).toEqual({ due: '2094-01-04', provisional: false });
      const [entry] = await t.ds.query("SELECT details FROM audit_entry WHERE action = 'calendar_year_set' AND details::jsonb->>'year' = '2094' ORDER BY seq DESC LIMIT 1");
      expect(JSON.parse(entry.details).deadlinesMoved).toBeGreaterThanOrEqual(1);
      // The worker fires rows by due_at: the period now ends at 24:00 on Monday, not on the holiday.
      expect(new Date(after.due_at).toISOString()).toBe('2094-01-04T16:00:00.000Z');
    } finally {
      await t.ds.query('DELETE FROM calendar_year WHERE year IN (2093, 2094)');
    }
  });
});
