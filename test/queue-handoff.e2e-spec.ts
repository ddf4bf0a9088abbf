// A case moves from queue to queue as its route says (lifecycle.md): the screening examiner does not keep a case
// accepted into enforcement or mediation, the supervisor's `assign_mediator` gives the case to that mediator, and a
// claim or reassignment only takes a case into the queue that works its stage.
import { createOrg, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app';
import { exampleComplaint } from './support/complaints';
import { actor, type Cast, cast, uniqueRespondent } from './support/workflow';

describe('queues hand cases on', () => {
  let t: TestApp;
  let c: Cast;
  let w: ReturnType<typeof actor>;
  const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });
  const claim = (u: TestUser, id: string) => t.http().post(`/api/v1/cases/${id}/claim`).set(auth(u)).set('accept-language', 'en');
  const assigneeOf = async (id: string) => (await t.ds.query('SELECT assignee_id FROM ip_case WHERE id = $1', [id]))[0].assignee_id as string | null;

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    w = actor(t);
  });
  afterAll(() => t.close());

  it('accepted into enforcement, the case leaves the examiner and enters the officers\' queue; the officer claims it', async () => {
    const s = await w.submitted(c);
    expect((await claim(c.examiner, s.id)).status).toBe(200);
    const accepted = await w.act(c.examiner, s.id, 'accept', { route: 'administrative_enforcement', overrideReason: '线下核验' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'administrative_enforcement.filing_review', assignee: null });
    const [entry] = await t.ds.query("SELECT details::jsonb AS details FROM audit_entry WHERE case_id = $1 AND action = 'accept'", [s.id]);
    expect(entry.details.releasedAssigneeId).toBe(c.examiner.id);
    // The complainant's history does not name staff.
    const history = await t.http().get(`/api/v1/cases/${s.id}/history`).set(auth(c.enterprise));
    expect(JSON.stringify(history.body)).not.toContain(c.examiner.id);
    expect(JSON.stringify(history.body)).not.toContain('examiner tester');
    // Staff read who was released by name, not by id.
    const staffView = await t.http().get(`/api/v1/cases/${s.id}/history`).set(auth(c.supervisor));
    const acceptEntry = staffView.body.items.find((h: { action: string }) => h.action === 'accept');
    expect(acceptEntry.names).toEqual({ [c.examiner.id]: 'examiner tester' });

    // The examiner cannot take it back (not their queue); the officer can.
    const wrong = await claim(c.examiner, s.id);
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ code: 'not_allowed_in_state', detail: 'The case is in state "Enforcement: filing review"; "Claim" is not allowed.' });
    // In Chinese too: the state and the action by their names, not their codes.
    const zh = await t.http().post(`/api/v1/cases/${s.id}/claim`).set(auth(c.examiner)).set('accept-language', 'zh-CN');
    expect(zh.body.detail).toBe('案件处于“行政执法：立案审查”状态，不能执行“认领”。');
    expect((await claim(c.officer, s.id)).status).toBe(200);
    expect(await assigneeOf(s.id)).toBe(c.officer.id);

    // Filing and a proposed police transfer stay with the officer, who hears how it ends.
    expect((await w.act(c.officer, s.id, 'file_case')).status).toBe(200);
    expect((await w.act(c.officer, s.id, 'propose_transfer', { reason: '涉嫌犯罪' })).status).toBe(200);
    expect(await assigneeOf(s.id)).toBe(c.officer.id);
  });

  it('fast track stays with the examiner who claimed it in screening', async () => {
    const s = await w.submitted(c);
    expect((await claim(c.examiner, s.id)).status).toBe(200);
    expect((await w.act(c.examiner, s.id, 'accept', { route: 'fast_track', overrideReason: '快速审查' })).body).toMatchObject({ state: 'fast_track.examining' });
    expect(await assigneeOf(s.id)).toBe(c.examiner.id);
    expect((await w.act(c.examiner, s.id, 'request_expert_opinion')).status).toBe(200);
    expect(await assigneeOf(s.id)).toBe(c.examiner.id);
  });

  it('assign_mediator gives the case to the mediator named, who is told; anyone but an active mediator is refused', async () => {
    const s = await w.submitted(c);
    expect((await claim(c.examiner, s.id)).status).toBe(200);
    expect((await w.act(c.examiner, s.id, 'accept', { route: 'mediation', overrideReason: '双方同意调解' })).body).toMatchObject({ state: 'mediation.assigning', assignee: null });

    for (const mediatorId of [c.officer.id, 'not-an-id', '00000000-0000-4000-8000-000000000000']) {
      const bad = await w.act(c.supervisor, s.id, 'assign_mediator', { mediatorId }).set('accept-language', 'en');
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toEqual([{ field: 'mediatorId', code: 'not_a_mediator', message: 'must be an active mediator account' }]);
    }
    const assigned = await w.act(c.supervisor, s.id, 'assign_mediator', { mediatorId: c.mediator.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body.state).toBe('mediation.mediating');
    expect(assigned.body.assignee).toBe(c.mediator.id);
    const mail = await t.ds.query("SELECT recipient FROM outbox_message WHERE case_id = $1 AND template = 'mediator_assigned'", [s.id]);
    expect(mail).toEqual([{ recipient: c.mediator.email }]);
    expect((await w.act(c.mediator, s.id, 'record_agreement', { summary: '双方达成和解协议，被投诉方停止销售并赔偿。' })).body).toMatchObject({ state: 'closed', outcome: 'settled' });
    // A closed case keeps the one who closed it.
    expect(await assigneeOf(s.id)).toBe(c.mediator.id);
  });

  it('without a mediator named, the case waits unassigned for a mediator to claim it, and the mediators are told', async () => {
    const s = await w.submitted(c);
    await w.act(c.examiner, s.id, 'accept', { route: 'mediation', overrideReason: '双方同意调解' });
    // Even a supervisor who held the case: it goes to the mediators' queue, not "you have been assigned as mediator".
    expect((await claim(c.supervisor, s.id)).status).toBe(200);
    expect((await w.act(c.supervisor, s.id, 'assign_mediator', {})).body).toMatchObject({ state: 'mediation.mediating', assignee: null });
    expect(await t.ds.query("SELECT 1 FROM outbox_message WHERE case_id = $1 AND template = 'mediator_assigned'", [s.id])).toEqual([]);
    const queued: { recipient: string }[] = await t.ds.query("SELECT recipient FROM outbox_message WHERE case_id = $1 AND template = 'mediation_case_queued'", [s.id]);
    expect(queued.map((m) => m.recipient)).toContain(c.mediator.email);
    expect(queued.map((m) => m.recipient)).not.toContain(c.supervisor.email);
    expect((await claim(c.mediator, s.id)).status).toBe(200);
  });

  it('claim-next hands a role only the stages it works; a reassignment only to someone of the stage\'s queue', async () => {
    // An examiner asking for police transfer cases gets none, whatever is queued there.
    const none = await t.http().post('/api/v1/cases/claim-next?state=police_transfer_review').set(auth(c.examiner));
    expect(none.status).toBe(204);
    const next = await t.http().post('/api/v1/cases/claim-next').set(auth(c.examiner));
    if (next.status === 200) {
      expect(['screening', 'fast_track.examining', 'fast_track.awaiting_expert']).toContain(next.body.state);
      await t.http().post(`/api/v1/cases/${next.body.id}/release`).set(auth(c.examiner));
    } else expect(next.status).toBe(204);

    const s = await w.submitted(c);
    const toOfficer = await t.http().post(`/api/v1/cases/${s.id}/assign`).set(auth(c.supervisor)).set('accept-language', 'en').send({ assigneeId: c.officer.id });
    expect(toOfficer.status).toBe(422);
    expect(toOfficer.body.errors).toEqual([{ field: 'assigneeId', code: 'assignee_wrong_queue', message: 'does not work the stage the case is in' }]);
    const other = await createUser(t, 'examiner', (await createOrg(t.ds, 'protection_center')).id);
    expect((await t.http().post(`/api/v1/cases/${s.id}/assign`).set(auth(c.supervisor)).send({ assigneeId: other.id })).status).toBe(200);
    expect(await assigneeOf(s.id)).toBe(other.id);
  });

  it('a command retried with its Idempotency-Key is taken once and answered the same; the key with another command is refused', async () => {
    const d = await t.http().post('/api/v1/complaints').set(auth(c.enterprise)).send(uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
    const key = `submit-${d.body.id}`;
    const submit = () => t.http().post(`/api/v1/cases/${d.body.id}/actions/submit`).set(auth(c.enterprise)).set('idempotency-key', key).send({});
    // Five retries at once (the first answer lost on the way): one submission, one case number, five equal answers.
    const answers = await Promise.all(Array.from({ length: 5 }, () => submit()));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.caseNumber)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    expect(await t.ds.query("SELECT count(*)::int AS n FROM audit_entry WHERE case_id = $1 AND action = 'submit'", [d.body.id])).toEqual([{ n: 1 }]);
    const later = await submit();
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ caseNumber: answers[0].body.caseNumber, state: 'screening' });
    // Without the key the step is not repeated either: it is no longer possible.
    expect((await w.act(c.enterprise, d.body.id, 'submit')).status).toBe(409);
    const reused = await t.http().post(`/api/v1/cases/${d.body.id}/actions/withdraw`).set(auth(c.enterprise)).set('idempotency-key', key).send({ reason: '已和解' });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    // A refused command leaves its key free for the corrected retry.
    const badKey = `accept-${d.body.id}`;
    const refused = await t.http().post(`/api/v1/cases/${d.body.id}/actions/accept`).set(auth(c.examiner)).set('idempotency-key', badKey).send({ route: 'nowhere' });
    expect(refused.status).toBe(422);
    const ok = await t.http().post(`/api/v1/cases/${d.body.id}/actions/accept`).set(auth(c.examiner)).set('idempotency-key', badKey).send({ route: 'fast_track', overrideReason: '快速审查' });
    expect(ok.status).toBe(200);
    expect(ok.headers['idempotent-replayed']).toBeUndefined();
  });

  it("an enforcement case is its bureau's: another bureau's officers and head neither see, claim nor are given it, nor told of it", async () => {
    // A copyright complaint: triage sends enforcement to the copyright bureau (triage-rules.md T6).
    const complaint = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    complaint.ipRights = [{ type: 'copyright', number: null, title: '连云港港口风光摄影作品集', holder: complaint.complainant.name, validUntil: null, niceClasses: null }];
    complaint.respondent.contactEmail = `respondent-${Math.random().toString(36).slice(2, 10)}@test.example`;
    const s = await w.submitted(c, complaint);
    const accepted = await w.act(c.examiner, s.id, 'accept', { route: 'administrative_enforcement', overrideReason: '线下核验' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'administrative_enforcement.filing_review', competentAgency: 'copyright_bureau' });

    const copyright = await createUser(t, 'officer', (await createOrg(t.ds, 'copyright_bureau')).id);
    const market = c.officer; // of a market-regulation bureau
    // Out of the market-regulation officer's sight: not found, not listed, not claimable, not theirs to be given.
    expect((await w.get(market, s.id)).status).toBe(404);
    const listed = await t.http().get(`/api/v1/cases?q=${encodeURIComponent(s.caseNumber)}`).set(auth(market));
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((x: { id: string }) => x.id)).not.toContain(s.id);
    expect((await claim(market, s.id)).status).toBe(404);
    const given = await t.http().post(`/api/v1/cases/${s.id}/assign`).set(auth(c.supervisor)).set('accept-language', 'en').send({ assigneeId: market.id });
    expect(given.status).toBe(422);
    expect(given.body.errors).toEqual([{ field: 'assigneeId', code: 'assignee_wrong_queue', message: 'does not work the stage the case is in' }]);
    expect(await assigneeOf(s.id)).toBeNull();
    // The copyright officer sees it in the list.
    const theirs = await t.http().get(`/api/v1/cases?q=${encodeURIComponent(s.caseNumber)}`).set(auth(copyright));
    expect(theirs.body.items.map((x: { id: string }) => x.id)).toContain(s.id);

    // While nobody holds it, the respondent's answer goes to the copyright bureau's officers only.
    const [notice] = await t.ds.query("SELECT data FROM outbox_message WHERE case_id = $1 AND template = 'respondent_notice'", [s.id]);
    const token = String(notice.data.link).split('/respond/')[1].split('?')[0];
    const answered = await t.http().post(`/api/v1/respond/${token}`).send({ statement: '本店销售的摄影作品集系从正规渠道购进，附进货发票，已下架停止销售。' });
    expect(answered.status).toBe(201);
    const told: string[] = (await t.ds.query("SELECT recipient FROM outbox_message WHERE case_id = $1 AND template = 'respondent_answered'", [s.id])).map(
      (r: { recipient: string }) => r.recipient,
    );
    expect(told).toContain(copyright.email);
    expect(told).not.toContain(market.email);

    // Claimed by the copyright officer, it is worked there.
    expect((await claim(copyright, s.id)).status).toBe(200);
    expect((await w.act(copyright, s.id, 'file_case')).status).toBe(200);
    expect((await w.act(market, s.id, 'suspend', { reason: '等待鉴定' })).status).toBe(404);

    // The heads: the center's see every case; a bureau's, its own bureau's cases and the police transfers they propose.
    const copyrightHead = await createUser(t, 'supervisor', (await createOrg(t.ds, 'copyright_bureau')).id);
    const marketHead = await createUser(t, 'supervisor', (await createOrg(t.ds, 'market_regulation')).id);
    const fast = await w.submitted(c);
    expect((await w.act(c.examiner, fast.id, 'accept', { route: 'fast_track', overrideReason: '快速审查' })).status).toBe(200);
    const sees = async (u: TestUser) => [(await w.get(u, s.id)).status, (await w.get(u, fast.id)).status];
    expect(await sees(c.supervisor)).toEqual([200, 200]);
    expect(await sees(copyrightHead)).toEqual([200, 404]);
    expect(await sees(marketHead)).toEqual([404, 404]);
    expect((await w.act(copyright, s.id, 'propose_transfer', { reason: '涉嫌侵犯著作权罪' })).status).toBe(200);
    expect(await sees(copyrightHead)).toEqual([200, 404]);
    expect(await sees(marketHead)).toEqual([404, 404]);
    // Asked to approve: the center's heads and the copyright bureau's, not the market-regulation bureau's.
    const asked: string[] = (await t.ds.query("SELECT recipient FROM outbox_message WHERE case_id = $1 AND template = 'transfer_approval_requested'", [s.id])).map(
      (r: { recipient: string }) => r.recipient,
    );
    expect(asked).toEqual(expect.arrayContaining([c.supervisor.email, copyrightHead.email]));
    expect(asked).not.toContain(marketHead.email);
    const approvals = await t.http().get('/api/v1/cases?state=police_transfer_review.awaiting_approval').set(auth(marketHead));
    expect(approvals.body.items.map((x: { id: string }) => x.id)).not.toContain(s.id);
    expect((await w.act(marketHead, s.id, 'approve_transfer')).status).toBe(404);
    expect((await w.act(copyrightHead, s.id, 'reject_transfer', { reason: '尚未达到刑事追诉标准' })).status).toBe(200);

    // A police transfer proposed straight from screening waits in its bureau's officers' queue: theirs to see and
    // claim, not another bureau's.
    const direct = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    direct.ipRights = complaint.ipRights;
    const p = await w.submitted(c, direct);
    expect((await w.act(c.examiner, p.id, 'accept', { route: 'police_transfer_review', overrideReason: '涉嫌犯罪' })).body).toMatchObject({ assignee: null });
    expect([(await w.get(copyright, p.id)).status, (await w.get(market, p.id)).status]).toEqual([200, 404]);
    expect((await claim(market, p.id)).status).toBe(404);
    expect((await claim(copyright, p.id)).status).toBe(200);

    // Whom a supervisor may give the case: the staff list for its bureau leaves out the other bureau's officers and
    // head, and a reassignment to them is refused; the fast-track case is not given to a bureau's head either.
    const staff = async (query: string) =>
      ((await t.http().get(`/api/v1/staff?${query}&limit=100`).set(auth(c.supervisor))).body.items as { id: string }[]).map((x) => x.id);
    const offered: boolean[] = [];
    for (const u of [copyright, copyrightHead, market, marketHead, c.supervisor, c.examiner]) offered.push((await staff(`caseId=${s.id}&id=${u.id}`)).includes(u.id));
    expect(offered).toEqual([true, true, false, false, true, true]);
    // Without a case, everyone of the queues; a case the caller cannot see is not found.
    expect((await staff(`id=${market.id}`))).toEqual([market.id]);
    expect((await t.http().get(`/api/v1/staff?caseId=${s.id}`).set(auth(marketHead))).status).toBe(404);
    expect((await t.http().get('/api/v1/staff?caseId=nonsense').set(auth(c.supervisor))).status).toBe(422);
    const assign = (to: TestUser, id = s.id) => t.http().post(`/api/v1/cases/${id}/assign`).set(auth(c.supervisor)).send({ assigneeId: to.id });
    expect((await assign(marketHead)).body.errors).toEqual([expect.objectContaining({ field: 'assigneeId', code: 'assignee_wrong_queue' })]);
    expect((await assign(copyrightHead)).status).toBe(200);
    expect((await assign(copyrightHead, fast.id)).body.errors).toEqual([expect.objectContaining({ field: 'assigneeId', code: 'assignee_wrong_queue' })]);
  });
});
