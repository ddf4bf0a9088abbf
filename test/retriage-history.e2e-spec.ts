// Triage runs again when the respondent's history changes (triage-rules.md: "again whenever its facts change (…
// new history)"). A case closed with infringement established makes its respondent a repeat infringer: the
// respondent's other open cases are triaged again by the worker, from a row the closure wrote in its own transaction.
import type { ComplaintInput } from '@lyg/domain';
import { HistoryRetriage } from '@lyg/workflow';
import { randomUUID } from 'node:crypto';
import { exampleComplaint } from './support/complaints';
import { startTestApp, type TestApp } from './support/test-app';
import { actor, cast, type Cast, uniqueRespondent } from './support/workflow';

describe('re-triage on new history', () => {
  let t: TestApp;
  let c: Cast;
  let w: ReturnType<typeof actor>;
  let retriage: HistoryRetriage;

  beforeAll(async () => {
    t = await startTestApp();
    c = await cast(t);
    w = actor(t);
    retriage = t.app.get(HistoryRetriage);
  }, 60_000);
  afterAll(() => t?.close());

  const auth = (u: { token: string }) => ({ authorization: `Bearer ${u.token}` });
  const triageAudits = async (caseId: string) =>
    (await t.ds.query("SELECT actor_role, from_state, to_state, details::jsonb AS details FROM audit_entry WHERE case_id = $1 AND action = 'triage' ORDER BY seq", [caseId])) as {
      actor_role: string;
      from_state: string;
      to_state: string;
      details: Record<string, unknown>;
    }[];

  /** A draft with a right certificate and a purchase record (so no correction is asked for), submitted. */
  const filedWithEvidence = async (complaint: ComplaintInput) => {
    const d = await t.http().post('/api/v1/complaints').set(auth(c.enterprise)).send(complaint);
    expect(d.status).toBe(201);
    for (const kind of ['right_certificate', 'purchase_record']) {
      const bytes = Buffer.from(`%PDF-1.4\n% ${kind} ${Math.random()}\n%%EOF\n`);
      expect((await t.http().post(`/api/v1/complaints/${d.body.id}/evidence`).set(auth(c.enterprise)).field('kind', kind).attach('file', bytes, `${kind}.pdf`)).status).toBe(201);
    }
    const s = await w.act(c.enterprise, d.body.id, 'submit');
    expect(s.status).toBe(200);
    return s.body as { id: string; caseNumber: string; version: number };
  };

  it('a closure with infringement established re-routes an open trademark case to police transfer review at the reduced threshold', async () => {
    const patent = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    // Counterfeiting one mark with a turnover of 35,000: under the 50,000 threshold (and its 80 %), past the 30,000
    // a repeat infringer is held to.
    const counterfeiting: ComplaintInput = {
      ...patent,
      ipRights: [{ type: 'trademark', number: '12345678', title: '康恒', holder: patent.complainant.name, validUntil: '2033-06-20', niceClasses: [5] }],
      infringement: { ...patent.infringement, conducts: ['counterfeiting', 'sale'], industry: 'other', estimatedTurnoverCny: 35_000 },
    };
    const trademarkCase = await filedWithEvidence(counterfeiting);
    expect((await t.http().post(`/api/v1/cases/${trademarkCase.id}/claim`).set(auth(c.examiner))).status).toBe(200);
    const before = (await w.get(c.examiner, trademarkCase.id)).body;
    expect(before.triage.recommendedRoute).toBe('administrative_enforcement');
    expect(before.flags).not.toContain('repeat_infringer');

    // Another of the respondent's cases, already on its route (administrative enforcement, by override).
    const onRoute = await w.submitted(c, { ...patent, ipRights: [{ ...patent.ipRights[0], number: 'ZL202410052317.3' }] });
    expect((await w.act(c.examiner, onRoute.id, 'accept', { route: 'administrative_enforcement', overrideReason: '证据已线下补正' })).status).toBe(200);
    const onRouteBefore = (await w.get(c.examiner, onRoute.id)).body;

    // The finding: a fast-track case against the same respondent closed with infringement established.
    const finding = await w.submitted(c, patent);
    expect((await w.act(c.examiner, finding.id, 'accept', { route: 'fast_track', overrideReason: '证据已线下核验' })).status).toBe(200);
    expect((await w.act(c.examiner, finding.id, 'decide', { outcome: 'infringement_established', summary: '侵权成立' })).status).toBe(200);
    const requests = await t.ds.query('SELECT done_at FROM triage_rerun WHERE cause_case_id = $1', [finding.id]);
    expect(requests).toEqual([{ done_at: null }]);
    // Until the worker runs, nothing changed.
    expect((await w.get(c.examiner, trademarkCase.id)).body.version).toBe(before.version);

    expect(await retriage.runPending(20, [finding.id])).toEqual({ requests: 1, changed: 2 });

    const after = (await w.get(c.examiner, trademarkCase.id)).body;
    expect(after.state).toBe('screening');
    expect(after.triage.recommendedRoute).toBe('police_transfer_review');
    expect(after.flags).toEqual(expect.arrayContaining(['criminal_threshold_reached', 'repeat_infringer', 'punitive_damages_candidate']));
    expect(after.triage.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain('F-repeat_infringer');
    expect(after.priority).toBeGreaterThan(before.priority);
    expect(after.version).toBe(before.version + 1);
    const [entry] = await triageAudits(trademarkCase.id);
    expect(entry).toMatchObject({
      actor_role: 'system',
      from_state: 'screening',
      to_state: 'screening',
      details: {
        cause: 'new_history',
        causeCaseNumber: finding.caseNumber,
        recommendedRoute: 'police_transfer_review',
        previous: { recommendedRoute: 'administrative_enforcement' },
        routeKept: false,
      },
    });
    expect((await t.ds.query('SELECT done_at FROM triage_rerun WHERE cause_case_id = $1', [finding.id]))[0].done_at).not.toBeNull();
    // The complainant sees the re-triage in the case's history, without the other case's id.
    const seen = (await t.http().get(`/api/v1/cases/${trademarkCase.id}/history?limit=100`).set(auth(c.enterprise))).body.items.filter((i: { action: string }) => i.action === 'triage');
    expect(seen).toHaveLength(1);
    expect(seen[0].details).toMatchObject({ cause: 'new_history', causeCaseNumber: finding.caseNumber, recommendedRoute: 'police_transfer_review' });
    expect(seen[0].details.causeCaseId).toBeUndefined();

    // The examiner working the case is told; the one not yet taken by anyone is not mailed (the queue shows it).
    const mail = await t.ds.query("SELECT case_id, recipient, data FROM outbox_message WHERE template = 'triage_revised' AND case_id = ANY($1)", [[trademarkCase.id, onRoute.id]]);
    expect(mail).toEqual([expect.objectContaining({ case_id: trademarkCase.id, recipient: c.examiner.email })]);
    expect(mail[0].data).toMatchObject({ recommendedRoute: 'police_transfer_review', caseNumber: trademarkCase.caseNumber });

    // The examiner confirms the new recommendation: no override needed.
    const accepted = await w.act(c.examiner, trademarkCase.id, 'accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('police_transfer_review.awaiting_approval');

    // The case already on its route keeps route, stage and periods; its flags and the row's recommendation change.
    const onRouteAfter = (await w.get(c.examiner, onRoute.id)).body;
    expect(onRouteAfter).toMatchObject({ state: onRouteBefore.state, route: 'administrative_enforcement', competentAgency: onRouteBefore.competentAgency });
    expect(onRouteAfter.deadlines).toEqual(onRouteBefore.deadlines);
    expect(onRouteAfter.flags).toEqual(expect.arrayContaining(['repeat_infringer', 'punitive_damages_candidate']));
    expect((await triageAudits(onRoute.id)).map((a) => a.details.routeKept)).toEqual([true]);
    const snapshotFlags = (await t.ds.query("SELECT snapshot #> '{context,triage,flags}' AS flags FROM ip_case WHERE id = $1", [onRoute.id]))[0].flags;
    expect(snapshotFlags).toEqual(expect.arrayContaining(['repeat_infringer']));
  });

  it('running a request again (a worker that died before marking it done) changes nothing twice', async () => {
    const patent = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    const open = await w.submitted(c, { ...patent, ipRights: [{ ...patent.ipRights[0], number: 'ZL202410052317.3' }] });
    const finding = await w.submitted(c, patent);
    await w.act(c.examiner, finding.id, 'accept', { route: 'fast_track', overrideReason: '证据已线下核验' });
    expect((await w.act(c.examiner, finding.id, 'decide', { outcome: 'infringement_established', summary: '侵权成立' })).status).toBe(200);
    expect(await retriage.runPending(20, [finding.id])).toEqual({ requests: 1, changed: 1 });
    const version = (await w.get(c.examiner, open.id)).body.version;
    // The request comes up again as if its worker had died holding it.
    await t.ds.query('UPDATE triage_rerun SET done_at = NULL, lease_until = NULL WHERE cause_case_id = $1', [finding.id]);
    expect(await retriage.runPending(20, [finding.id])).toEqual({ requests: 1, changed: 0 });
    expect((await w.get(c.examiner, open.id)).body.version).toBe(version);
    expect(await triageAudits(open.id)).toHaveLength(1);
    // A request a worker holds (its lease running) is not taken by another.
    await t.ds.query("UPDATE triage_rerun SET done_at = NULL, lease_until = now() + interval '1 minute' WHERE cause_case_id = $1", [finding.id]);
    expect(await retriage.runPending(20, [finding.id])).toEqual({ requests: 0, changed: 0 });
  });

  it('requests done more than a week ago are purged, newer and pending ones stay', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await t.ds.query(
      `INSERT INTO triage_rerun (id, cause_case_id, done_at, lease_until) VALUES
         ($1, gen_random_uuid(), now() - interval '8 days', NULL), ($2, gen_random_uuid(), now() - interval '6 days', NULL),
         ($3, gen_random_uuid(), NULL, now() + interval '1 hour')`,
      ids,
    );
    await retriage.purgeDone(true);
    expect((await t.ds.query('SELECT id FROM triage_rerun WHERE id = ANY($1) ORDER BY requested_at, id', [ids])).map((r: { id: string }) => r.id).sort()).toEqual(ids.slice(1).sort());
    await t.ds.query('DELETE FROM triage_rerun WHERE id = ANY($1)', [ids]);
  });

  it('a duplicate (N4) is no longer one once the earlier case is withdrawn', async () => {
    const patent = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    const earlier = await w.submitted(c, patent);
    const later = await w.submitted(c, patent);
    const before = (await w.get(c.examiner, later.id)).body.triage;
    expect(before.recommendedRoute).toBe('return_for_correction');
    const withEvidence = await filedWithEvidence(patent);
    const duplicate = (await w.get(c.examiner, withEvidence.id)).body.triage;
    expect(duplicate.recommendedRoute).toBe('not_accepted');
    expect(duplicate.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain('N4');
    expect((await w.act(c.enterprise, earlier.id, 'withdraw', { reason: '重复提交' })).status).toBe(200);
    expect((await w.act(c.enterprise, later.id, 'withdraw', { reason: '重复提交' })).status).toBe(200);
    await retriage.runPending(20, [earlier.id, later.id]);
    const now = (await w.get(c.examiner, withEvidence.id)).body.triage;
    expect(now.recommendedRoute).toBe('administrative_enforcement');
    expect(now.reasons.map((r: { ruleId: string }) => r.ruleId)).not.toContain('N4');
  });

  it('a case closed without a finding does not make a repeat infringer, and a draft is not triaged', async () => {
    const patent = uniqueRespondent(exampleComplaint({ uscc: c.uscc }));
    const open = await w.submitted(c, { ...patent, ipRights: [{ ...patent.ipRights[0], number: 'ZL202410052317.3' }] });
    const draft = await t.http().post('/api/v1/complaints').set(auth(c.enterprise)).send({ ...patent, ipRights: [{ ...patent.ipRights[0], number: 'ZL202410052317.3' }] });
    expect(draft.status).toBe(201);
    const settled = await w.submitted(c, patent);
    expect((await w.act(c.enterprise, settled.id, 'withdraw', { reason: '已和解' })).status).toBe(200);
    expect(await retriage.runPending(20, [settled.id])).toEqual({ requests: 1, changed: 0 });
    expect((await w.get(c.examiner, open.id)).body.flags).not.toContain('repeat_infringer');
    expect(await triageAudits(open.id)).toEqual([]);
    expect((await t.ds.query('SELECT triage FROM ip_case WHERE id = $1', [draft.body.id]))[0].triage).toBeNull();
  });
});
