import { verifyChain } from '@lyg/audit';
import { renderNotice } from '@lyg/notify';
import { createHash, randomInt } from 'node:crypto';
import { exampleComplaint } from './support/complaints';
import { createOrg, createUser, randomUscc, startTestApp, type TestApp } from './support/test-app';
import { actor, cast, type Cast, uniqueRespondent } from './support/workflow';

describe('case workflow over HTTP', () => {
  let t: TestApp;
  let c: Cast;
  let w: ReturnType<typeof actor>;
  const fresh = () => w.submitted(c, uniqueRespondent(exampleComplaint({ uscc: c.uscc })));
  const accept = async (id: string, route: string) => {
    const res = await w.act(c.examiner, id, 'accept', { route, overrideReason: '证据材料已线下核验' });
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    w = actor(t);
  });
  afterAll(() => t.close());

  it('fast track: accept, expert opinion (clock stops), decide → closed, infringement established', async () => {
    const s = await fresh();
    const a = await accept(s.id, 'fast_track');
    expect(a).toMatchObject({ state: 'fast_track.examining', route: 'fast_track', competentAgency: 'protection_center' });
    expect(a.deadlines.map((d: { stage: string }) => d.stage)).toContain('fast_track.examining');
    expect((await w.act(c.examiner, s.id, 'request_expert_opinion')).body.state).toBe('fast_track.awaiting_expert');
    expect((await w.act(c.examiner, s.id, 'expert_opinion_received')).body.state).toBe('fast_track.examining');
    const d = await w.act(c.examiner, s.id, 'decide', { outcome: 'infringement_established', summary: '被投诉产品落入专利权保护范围' });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ state: 'closed', outcome: 'infringement_established' });
    // The complainant reads the decision's grounds in the history and in the notice, not only its outcome.
    const history = await t.http().get(`/api/v1/cases/${s.id}/history`).set('authorization', `Bearer ${c.enterprise.token}`);
    expect(history.body.items.find((h: { action: string }) => h.action === 'decide').details).toMatchObject({ outcome: 'infringement_established', summary: '被投诉产品落入专利权保护范围' });
    const [mail] = await t.ds.query("SELECT template, language, data FROM outbox_message WHERE case_id = $1 AND template = 'case_decided' AND recipient = 'ip@kangheng.example'", [s.id]);
    expect(renderNotice('case_decided', mail.language, mail.data).text).toContain('被投诉产品落入专利权保护范围');
  });

  it('administrative enforcement: officer files, suspends, resumes and decides (penalized)', async () => {
    const s = await fresh();
    expect((await accept(s.id, 'administrative_enforcement')).state).toBe('administrative_enforcement.filing_review');
    expect((await w.act(c.officer, s.id, 'file_case')).body.state).toBe('administrative_enforcement.investigating');
    const suspended = await w.act(c.officer, s.id, 'suspend', { reason: '等待专利权评价报告' });
    expect(suspended.body.state).toBe('administrative_enforcement.suspended');
    // The stopped clock says so (its due time moves out when it restarts), so no one reads it as running or overdue.
    expect(suspended.body.deadlines.find((d: { stage: string }) => d.stage === 'administrative_enforcement.investigating')).toMatchObject({ paused: true, breached: false });
    expect((await w.get(c.enterprise, s.id)).body.deadlines.find((d: { stage: string }) => d.stage === 'administrative_enforcement.investigating')).toMatchObject({ paused: true });
    const resumed = await w.act(c.officer, s.id, 'resume');
    expect(resumed.body.state).toBe('administrative_enforcement.investigating');
    type Shown = { stage: string; dueDate: string; dueAt: string; breached: boolean };
    const investigating = (body: { deadlines: Shown[] }) => body.deadlines.find((d) => d.stage === 'administrative_enforcement.investigating');
    const before = investigating(resumed.body)!;
    expect(before).toMatchObject({ breached: false, paused: false });
    const extended = await w.act(c.supervisor, s.id, 'extend', { reason: '案情复杂' });
    expect(extended.status).toBe(200);
    // The stage's period grew: the same row, due later, in the answer and in the database alike.
    const after = investigating(extended.body)!;
    expect(new Date(after.dueAt).getTime()).toBeGreaterThan(new Date(before.dueAt).getTime());
    expect(after.dueDate > before.dueDate).toBe(true);
    const [row] = await t.ds.query(
      `SELECT extension, status, due_date::text AS due_date, pauses FROM case_deadline WHERE case_id = $1 AND stage = 'administrative_enforcement.investigating' AND closed_at IS NULL`,
      [s.id],
    );
    expect(row).toMatchObject({ status: 'active', due_date: after.dueDate });
    expect(row.extension).toBeGreaterThan(0);
    expect(row.pauses).toHaveLength(1);
    expect(row.pauses[0].to).not.toBeNull();
    const d = await w.act(c.officer, s.id, 'decide', { outcome: 'penalized', summary: '责令停止销售并处罚款' });
    expect(d.body).toMatchObject({ state: 'closed', outcome: 'penalized' });
  });

  it('administrative enforcement declined at filing closes as not filed', async () => {
    const s = await fresh();
    await accept(s.id, 'administrative_enforcement');
    const d = await w.act(c.officer, s.id, 'decline_filing', { reason: '不属于本机关管辖' });
    expect(d.body).toMatchObject({ state: 'closed', outcome: 'not_filed' });
  });

  it('mediation: supervisor assigns, mediator records the agreement → settled', async () => {
    const s = await fresh();
    expect((await accept(s.id, 'mediation')).state).toBe('mediation.assigning');
    expect((await w.act(c.supervisor, s.id, 'assign_mediator', { mediatorId: c.mediator.id })).body.state).toBe('mediation.mediating');
    const d = await w.act(c.mediator, s.id, 'record_agreement', { summary: '双方达成和解，被投诉方停止销售并赔偿' });
    expect(d.body).toMatchObject({ state: 'closed', outcome: 'settled' });
    const [mail] = await t.ds.query("SELECT language, data FROM outbox_message WHERE case_id = $1 AND template = 'mediation_settled' AND recipient = 'ip@kangheng.example'", [s.id]);
    expect(renderNotice('mediation_settled', mail.language, mail.data).text).toContain('双方达成和解，被投诉方停止销售并赔偿');
  });

  it('failed mediation moves the case to court referral', async () => {
    const s = await fresh();
    await accept(s.id, 'mediation');
    await w.act(c.supervisor, s.id, 'assign_mediator', { mediatorId: c.mediator.id });
    const f = await w.act(c.mediator, s.id, 'mediation_failed', { reason: '被投诉方拒绝调解', nextRoute: 'court_referral' });
    expect(f.body).toMatchObject({ state: 'court_referral', route: 'court_referral' });
  });

  it('police transfer: supervisor approves, the police see it only then, acknowledge and file → transferred', async () => {
    const s = await fresh();
    expect((await accept(s.id, 'police_transfer_review')).state).toBe('police_transfer_review.awaiting_approval');
    expect((await w.get(c.police, s.id)).status).toBe(404);
    const approved = await w.act(c.supervisor, s.id, 'approve_transfer');
    expect(approved.body.state).toBe('police_transfer_review.awaiting_police_decision');
    expect((await w.get(c.police, s.id)).status).toBe(200);
    expect((await w.act(c.police, s.id, 'acknowledge')).status).toBe(200);
    const filed = await w.act(c.police, s.id, 'police_file_case');
    expect(filed.body).toMatchObject({ state: 'closed', outcome: 'transferred_criminal' });
    const notices = await t.ds.query("SELECT template FROM outbox_message WHERE case_id = $1 AND template = 'case_transferred'", [s.id]);
    expect(notices.length).toBeGreaterThan(0);
  });

  it('police decline, reconsideration, final decline → back to administrative enforcement', async () => {
    const s = await fresh();
    await accept(s.id, 'police_transfer_review');
    await w.act(c.supervisor, s.id, 'approve_transfer');
    expect((await w.act(c.police, s.id, 'police_decline', { reason: '未达立案标准' })).body.state).toBe('police_transfer_review.declined');
    expect((await w.act(c.supervisor, s.id, 'request_reconsideration', { reason: '涉案金额已补充证据' })).status).toBe(200);
    const final = await w.act(c.police, s.id, 'police_decline', { reason: '复议维持不予立案' });
    expect(final.body.state).toMatch(/^administrative_enforcement\./);
    // The police keep sight of the case they decided (it was 404 to them), its history with their own decisions
    // included, read only.
    const seen = await w.get(c.police, s.id);
    expect(seen.status).toBe(200);
    expect(seen.body.allowedActions).toEqual([]);
    // Its inbox lists the cases it holds: this one opens by its link (the notices', the history's).
    const listed = await t.http().get(`/api/v1/cases?q=${encodeURIComponent(s.caseNumber)}`).set('authorization', `Bearer ${c.police.token}`);
    expect(listed.body.items).toEqual([]);
    const history = await t.http().get(`/api/v1/cases/${s.id}/history?limit=100`).set('authorization', `Bearer ${c.police.token}`);
    expect(history.body.items.filter((h: { action: string }) => h.action === 'police_decline')).toHaveLength(2);
    const refused = await w.act(c.police, s.id, 'acknowledge');
    expect(refused.status).toBe(403);
    // Another police organisation never saw it.
    const otherOrg = await createOrg(t.ds, 'police');
    const other = await createUser(t, 'police', otherOrg.id);
    expect((await w.get(other, s.id)).status).toBe(404);
    // Filed, investigated and proposed again, it goes to that other organisation: the first still reads it, and cannot
    // act on it although its role could in that stage.
    expect((await w.act(c.officer, s.id, 'file_case')).status).toBe(200);
    expect((await w.act(c.officer, s.id, 'propose_transfer', { reason: '发现新的犯罪线索' })).status).toBe(200);
    expect((await w.act(c.supervisor, s.id, 'approve_transfer', { agencyId: otherOrg.id })).body.state).toBe('police_transfer_review.awaiting_police_decision');
    expect((await w.get(other, s.id)).body.allowedActions).toEqual(expect.arrayContaining(['acknowledge', 'police_file_case']));
    const former = await w.get(c.police, s.id);
    expect({ status: former.status, allowed: former.body.allowedActions }).toEqual({ status: 200, allowed: [] });
    expect((await w.act(c.police, s.id, 'police_file_case')).status).toBe(403);
    expect((await w.get(c.police, s.id)).body.state).toBe('police_transfer_review.awaiting_police_decision');
  });

  it('customs referral: customs acknowledges and reports detention', async () => {
    const s = await fresh();
    expect((await accept(s.id, 'customs_referral')).state).toBe('customs_referral');
    expect((await w.get(c.customs, s.id)).body.acknowledgedAt).toBeNull();
    const ack = await w.act(c.customs, s.id, 'acknowledge');
    expect(ack.status).toBe(200);
    // The receipt, as an instant in Asia/Shanghai, for the inbox to show.
    expect(ack.body.acknowledgedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(Math.abs(Date.parse(ack.body.acknowledgedAt) - Date.now())).toBeLessThan(60_000);
    // Acknowledged twice (a second tab, a retry without its key): 409, saying why, in the caller's language.
    const again = await w.act(c.customs, s.id, 'acknowledge');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'not_allowed_in_state', detail: expect.stringMatching(/不能执行“确认接收”。已确认接收，无需再次确认。$/) });
    const againEn = await t.http().post(`/api/v1/cases/${s.id}/actions/acknowledge`).set('authorization', `Bearer ${c.customs.token}`).set('accept-language', 'en').send({});
    expect(againEn.body.detail).toMatch(/is not allowed\. Receipt has already been acknowledged\.$/);
    const r = await w.act(c.customs, s.id, 'report_outcome', { outcome: 'customs_detained' });
    expect(r.body).toMatchObject({ state: 'closed', outcome: 'customs_detained' });
  });

  it('court referral: the court acknowledges and reports filing', async () => {
    const s = await fresh();
    await accept(s.id, 'court_referral');
    await w.act(c.court, s.id, 'acknowledge');
    const r = await w.act(c.court, s.id, 'report_outcome', { outcome: 'court_filed' });
    expect(r.body).toMatchObject({ state: 'closed', outcome: 'court_filed' });
  });

  it('correction requested, answered by resubmission → screening again; rejection → not accepted', async () => {
    const s = await fresh();
    const rc = await w.act(c.examiner, s.id, 'request_correction', { items: ['补充权属证明'], message: '请补充专利证书' });
    expect(rc.body.state).toBe('awaiting_correction');
    expect(rc.body.deadlines.map((d: { stage: string }) => d.stage)).toContain('awaiting_correction');
    // The correction form sends the whole complaint; the history names only the section whose content changed.
    const filed = (await w.get(c.enterprise, s.id)).body.complaint;
    const edit = await t
      .http()
      .patch(`/api/v1/complaints/${s.id}`)
      .set('authorization', `Bearer ${c.enterprise.token}`)
      .send({ ...filed, respondent: { ...filed.respondent, address: `${filed.respondent.address ?? ''}（新址）` } });
    expect(edit.status).toBe(200);
    const [edited] = await t.ds.query("SELECT details::jsonb AS details FROM audit_entry WHERE case_id = $1 AND action = 'edit_complaint'", [s.id]);
    expect(edited.details.sections).toEqual(['respondent']);
    expect((await w.act(c.enterprise, s.id, 'resubmit')).body.state).toBe('screening');
    expect((await w.act(c.examiner, s.id, 'reject', { reason: '不属于受理范围' })).body.state).toBe('not_accepted');
  });

  it('the enterprise withdraws a case in screening', async () => {
    const s = await fresh();
    const r = await w.act(c.enterprise, s.id, 'withdraw', { reason: '双方已自行和解' });
    expect(r.body).toMatchObject({ state: 'closed', outcome: 'withdrawn' });
    // The complainant keeps an e-mail saying it is done: its contact address, and the account that filed it.
    const told: { recipient: string }[] = await t.ds.query("SELECT recipient FROM outbox_message WHERE case_id = $1 AND template = 'case_withdrawn'", [s.id]);
    expect(told.map((m) => m.recipient).sort()).toEqual([c.enterprise.email, 'ip@kangheng.example'].sort());
  });

  it("an IP agent filing for a client is told what the complainant is told (the client's contact may have no account)", async () => {
    const agency = await createOrg(t.ds, 'enterprise', { uscc: randomUscc(), name: '连云港某专利代理事务所' });
    const agent = await createUser(t, 'enterprise', agency.id, 'en');
    const complaint = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    complaint.complainant.contactEmail = `client-${randomInt(1e9)}@client.example`;
    const d = await t.http().post('/api/v1/complaints').set('authorization', `Bearer ${agent.token}`).send(complaint);
    expect(d.status).toBe(201);
    expect((await w.act(agent, d.body.id, 'submit')).status).toBe(200);
    expect((await w.act(c.examiner, d.body.id, 'request_correction', { items: ['补充委托书'], message: '请补充授权委托书' })).status).toBe(200);
    const rows: { recipient: string; language: string; data: { link?: string } }[] = await t.ds.query(
      "SELECT recipient, language, data FROM outbox_message WHERE case_id = $1 AND template = 'correction_requested'",
      [d.body.id],
    );
    const byRecipient = Object.fromEntries(rows.map((r) => [r.recipient, r]));
    expect(Object.keys(byRecipient).sort()).toEqual([agent.email, complaint.complainant.contactEmail].sort());
    // Each in its reader's language, the agent's link opening the English UI.
    expect(byRecipient[complaint.complainant.contactEmail]).toMatchObject({ language: 'zh-CN', data: { link: expect.not.stringContaining('lang=en') } });
    expect(byRecipient[agent.email]).toMatchObject({ language: 'en', data: { link: expect.stringMatching(/\/cases\/[0-9a-f-]+\?lang=en$/) } });

    // A filer whose own address is the contact gets one mail, not two.
    const own = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    own.complainant.contactEmail = agent.email.toUpperCase();
    const e = await t.http().post('/api/v1/complaints').set('authorization', `Bearer ${agent.token}`).send(own);
    expect((await w.act(agent, e.body.id, 'submit')).status).toBe(200);
    const acks: { recipient: string }[] = await t.ds.query("SELECT recipient FROM outbox_message WHERE case_id = $1 AND template = 'submission_acknowledged'", [e.body.id]);
    expect(acks).toHaveLength(1);
  });

  it("an agent's client who signs in to their own organisation gets the notice without the case link (it would not open for them); the agent's copy keeps it", async () => {
    const agency = await createOrg(t.ds, 'enterprise', { uscc: randomUscc(), name: '连云港某商标代理事务所' });
    const agent = await createUser(t, 'enterprise', agency.id);
    const client = await createUser(t, 'enterprise', (await createOrg(t.ds, 'enterprise', { uscc: randomUscc() })).id);
    const complaint = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    complaint.complainant.contactEmail = client.email.toUpperCase();
    const d = await t.http().post('/api/v1/complaints').set('authorization', `Bearer ${agent.token}`).send(complaint);
    expect((await w.act(agent, d.body.id, 'submit')).status).toBe(200);
    const rows: { recipient: string; data: { link?: string; caseNumber?: string } }[] = await t.ds.query(
      "SELECT recipient, data FROM outbox_message WHERE case_id = $1 AND template = 'submission_acknowledged'",
      [d.body.id],
    );
    const byRecipient = Object.fromEntries(rows.map((r) => [r.recipient.toLowerCase(), r.data]));
    expect(Object.keys(byRecipient).sort()).toEqual([agent.email, client.email].sort());
    expect(byRecipient[client.email].link).toBeUndefined();
    expect(byRecipient[client.email].caseNumber).toMatch(/^LYG-IP-/);
    expect(byRecipient[agent.email].link).toMatch(new RegExp(`/cases/${d.body.id}$`));
    // The client's account indeed cannot open the agent's case.
    expect((await w.get(client, d.body.id)).status).toBe(404);
  });

  it('accepting against the recommendation needs a reason (422), which is audited', async () => {
    const s = await fresh();
    const noReason = await w.act(c.examiner, s.id, 'accept', { route: 'fast_track' });
    expect(noReason.status).toBe(422);
    await accept(s.id, 'fast_track');
    const [entry] = await t.ds.query("SELECT details::jsonb AS details FROM audit_entry WHERE case_id = $1 AND action = 'accept'", [s.id]);
    expect(entry.details.overrideReason).toBe('证据材料已线下核验');
  });

  it('a wrong role is refused with 403 (an enterprise accepting, an examiner approving a transfer)', async () => {
    const s1 = await fresh();
    const byEnterprise = await w.act(c.enterprise, s1.id, 'accept', { route: 'fast_track', overrideReason: 'x' });
    expect(byEnterprise.status).toBe(403);
    expect(byEnterprise.body.code).toBe('forbidden_role');
    await accept(s1.id, 'police_transfer_review');
    expect((await w.act(c.examiner, s1.id, 'approve_transfer')).status).toBe(403);
  });

  it("staff outside the case's route do not see it at all (404 before any role check)", async () => {
    const s1 = await fresh();
    expect((await w.act(c.officer, s1.id, 'reject', { reason: 'x' })).status).toBe(404);
    expect((await w.act(c.mediator, s1.id, 'file_case')).status).toBe(404);
  });

  it('an action not allowed in the current state is 409', async () => {
    const s1 = await fresh();
    const res = await w.act(c.examiner, s1.id, 'decide', { outcome: 'infringement_established', summary: 'x' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_allowed_in_state');
  });

  it('50 concurrent conflicting actions on one case: exactly one wins, one audit entry', async () => {
    const s = await fresh();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2
          ? w.act(c.examiner, s.id, 'accept', { route: 'fast_track', overrideReason: 'r' })
          : t.http().post(`/api/v1/cases/${s.id}/actions/reject`).set('authorization', `Bearer ${c.examiner.token}`).set('if-match', `"${s.version}"`).send({ reason: 'r' }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.every((r) => [200, 409, 412].includes(r.status))).toBe(true);
    const [{ n }] = await t.ds.query("SELECT count(*)::int AS n FROM audit_entry WHERE case_id = $1 AND action IN ('accept', 'reject')", [s.id]);
    expect(n).toBe(1);
  });

  it('the submission entry records the digest of exactly what was filed', async () => {
    const s = await fresh();
    const [entry] = await t.ds.query("SELECT details::jsonb AS details FROM audit_entry WHERE case_id = $1 AND action = 'submit'", [s.id]);
    const [row] = await t.ds.query('SELECT complaint FROM ip_case WHERE id = $1', [s.id]);
    const canonical = (v: unknown): string =>
      Array.isArray(v)
        ? `[${v.map(canonical).join(',')}]`
        : v && typeof v === 'object'
          ? `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`
          : JSON.stringify(v ?? null);
    const digest = createHash('sha256').update(canonical(row.complaint)).digest('hex');
    expect(entry.details.complaintDigest).toBe(digest);
    // The triage verdict is recorded in the same entry.
    expect(entry.details.triage).toMatchObject({ recommendedRoute: expect.any(String), ruleSetVersion: '2025-04-26' });
  });

  it('the history shows the audit entries to the filer without internal queue work', async () => {
    const s = await fresh();
    await t.http().post(`/api/v1/cases/${s.id}/claim`).set('authorization', `Bearer ${c.examiner.token}`).expect(200);
    await accept(s.id, 'fast_track');
    const staff = await t.http().get(`/api/v1/cases/${s.id}/history`).set('authorization', `Bearer ${c.examiner.token}`);
    expect(staff.body.items.map((i: { action: string }) => i.action)).toEqual(['submit', 'claim', 'accept']);
    const filer = await t.http().get(`/api/v1/cases/${s.id}/history`).set('authorization', `Bearer ${c.enterprise.token}`);
    expect(filer.body.items.map((i: { action: string }) => i.action)).toEqual(['submit', 'accept']);
  });

  it('the history comes in pages of 20 unless asked for up to 100, each page after the cursor of the last (contract.md, Lists)', async () => {
    const s = await fresh();
    const auth = { authorization: `Bearer ${c.examiner.token}` };
    for (let i = 0; i < 11; i++) {
      await t.http().post(`/api/v1/cases/${s.id}/claim`).set(auth).expect(200);
      await t.http().post(`/api/v1/cases/${s.id}/release`).set(auth).expect(200);
    }
    const page = (q: string) => t.http().get(`/api/v1/cases/${s.id}/history${q}`).set(auth);
    const first = await page('');
    expect(first.body.items).toHaveLength(20);
    expect(first.body.nextCursor).toBe(first.body.items[19].seq);
    const rest = await page(`?cursor=${first.body.nextCursor}`);
    expect(rest.body).toMatchObject({ items: [expect.anything(), expect.anything(), expect.anything()], nextCursor: null });
    const all = await page('?limit=100');
    expect(all.body.items.map((i: { seq: string }) => i.seq)).toEqual([...first.body.items, ...rest.body.items].map((i) => i.seq));
    expect(all.body.nextCursor).toBeNull();
  });

  it('a Case answers with ETag "<version>": echoed in If-Match the action is taken, the same one again is stale (412)', async () => {
    const s = await fresh();
    const got = await w.get(c.examiner, s.id);
    expect(got.headers.etag).toBe(`"${got.body.version}"`);
    const accepted = await w.act(c.examiner, s.id, 'accept', { route: 'fast_track', overrideReason: '证据材料已线下核验' }).set('if-match', got.headers.etag);
    expect(accepted.status).toBe(200);
    expect(accepted.headers.etag).toBe(`"${accepted.body.version}"`);
    const stale = await w.act(c.examiner, s.id, 'request_expert_opinion').set('if-match', got.headers.etag);
    expect(stale.status).toBe(412);
    const claimed = await t.http().post(`/api/v1/cases/${s.id}/claim`).set('authorization', `Bearer ${c.examiner.token}`).expect(200);
    expect(claimed.headers.etag).toBe(`"${claimed.body.version}"`);
    // Lists name no one version: no ETag (Express's hash of the body is off).
    expect((await t.http().get('/api/v1/cases').set('authorization', `Bearer ${c.examiner.token}`)).headers.etag).toBeUndefined();
  });

  it('a repeat infringer is flagged on a later complaint once an earlier one closed with infringement established', async () => {
    const complaint = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    const first = await w.submitted(c, complaint);
    expect((await w.get(c.examiner, first.id)).body.flags).not.toContain('repeat_infringer');
    await accept(first.id, 'fast_track');
    await w.act(c.examiner, first.id, 'decide', { outcome: 'infringement_established', summary: '侵权成立' });
    const second = await w.submitted(c, { ...complaint, ipRights: [{ ...complaint.ipRights[0], number: 'ZL202410052317.3' }] });
    const got = (await w.get(c.examiner, second.id)).body;
    expect(got.flags).toEqual(expect.arrayContaining(['repeat_infringer', 'punitive_damages_candidate']));
    expect(got.triage.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain('F-repeat_infringer');
  });

  it("a busy respondent: an old finding counts however many cases came after it, and a same-named company's findings neither count nor crowd it out", async () => {
    const newUscc = randomUscc;
    const [mine, namesake] = [newUscc(), newUscc()];
    const name = `被投诉方-${Math.random().toString(36).slice(2, 10)}`;
    const base = exampleComplaint({ uscc: c.uscc });
    const against = (uscc: string, number: string) => ({ ...base, respondent: { ...base.respondent, name, uscc }, ipRights: [{ ...base.ipRights[0], number }] });
    const first = await w.submitted(c, against(mine, base.ipRights[0].number!));
    await accept(first.id, 'fast_track');
    expect((await w.act(c.examiner, first.id, 'decide', { outcome: 'infringement_established', summary: '侵权成立' })).status).toBe(200);
    const open = await w.submitted(c, against(mine, base.ipRights[0].number!));
    // Since then (within the last millisecond): 600 more complaints against the same company about the same patent,
    // open and assigned (copies of one, out of everyone's claim-next), and 30 findings against another company of the
    // same name (another USCC; copies of the closed one), all newer than the finding.
    const columns = `organization_id, created_by, state, respondent_answer, route, competent_agency, flags, priority, triage, warnings, snapshot,
      transferred_to, complainant_name, respondent_name, due_at, sla_breached, version, created_at, updated_at`;
    const numberBase = randomInt(100_000, 900_000);
    await t.ds.query(
      `INSERT INTO ip_case (id, case_number, complaint, respondent_key, respondent_name_key, outcome, submitted_at, closed_at, assignee_id, ${columns})
       SELECT gen_random_uuid(), 'LYG-IP-2097-' || lpad((g + $2)::text, 6, '0'), complaint, respondent_key, respondent_name_key, NULL,
              now() - g * interval '1 microsecond', NULL, $3, ${columns}
         FROM ip_case, generate_series(1, 600) g WHERE id = $1`,
      [open.id, numberBase, c.examiner.id],
    );
    await t.ds.query(
      `INSERT INTO ip_case (id, case_number, complaint, respondent_key, respondent_name_key, outcome, submitted_at, closed_at, assignee_id, ${columns})
       SELECT gen_random_uuid(), 'LYG-IP-2097-' || lpad((g + $2)::text, 6, '0'), jsonb_set(complaint, '{respondent,uscc}', to_jsonb($3::text)),
              'uscc:' || $3, respondent_name_key, outcome, now() - g * interval '1 microsecond', now() - g * interval '1 microsecond', assignee_id, ${columns}
         FROM ip_case, generate_series(601, 630) g WHERE id = $1`,
      [first.id, numberBase, namesake],
    );
    const later = await w.submitted(c, against(mine, 'ZL202410052317.3'));
    const got = (await w.get(c.examiner, later.id)).body;
    expect(got.flags).toEqual(expect.arrayContaining(['repeat_infringer', 'punitive_damages_candidate']));
    const repeat = got.triage.reasons.find((r: { ruleId: string }) => r.ruleId === 'F-repeat_infringer');
    expect(repeat.message.zh).toContain(first.caseNumber);
    // The open copies are about another patent than the later complaint: no duplicate (N4).
    expect(got.triage.recommendedRoute).not.toBe('not_accepted');
    // The namesake's own later complaint sees its own findings, not the first company's.
    const theirs = (await w.get(c.examiner, (await w.submitted(c, against(namesake, 'ZL202410052317.3'))).id)).body;
    const theirRepeat = theirs.triage.reasons.find((r: { ruleId: string }) => r.ruleId === 'F-repeat_infringer');
    expect(theirRepeat.message.zh).not.toContain(first.caseNumber);
    expect(theirRepeat.message.zh).toMatch(/LYG-IP-2097-/);
  });

  it('the audit chain verifies after all of the above', async () => {
    const result = await verifyChain(t.ds.manager);
    expect(result).toMatchObject({ valid: true, firstBadSeq: null });
    expect(result.checkedEntries).toBeGreaterThan(50);
  });
});
