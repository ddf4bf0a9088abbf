// A receiving organisation that stops receiving (deactivated, or made another kind) while it works cases hands them to
// a successor of its kind, named by the administrator, in the same transaction: the successor sees the case, the
// evidence shared with its predecessor and a package of its own, and can act; without a successor the change is
// refused (422 `open_transfers`) and nothing changes. On a database of its own, so that the police organisation
// receiving the transfer is the one this test made.
import { type Scratch, scratchDatabase } from './audit-scratch';
import { exampleComplaint } from './support/complaints';
import { createOrg, createUser, randomUscc, startTestApp, type TestApp, type TestOrg, type TestUser } from './support/test-app';
import { uniqueRespondent } from './support/workflow';

describe('hand-over of open transfers when a receiving organisation leaves', () => {
  let s: Scratch;
  let t: TestApp;
  let enterprise: TestUser;
  let examiner: TestUser;
  let supervisor: TestUser;
  let admin: TestUser;
  let police: TestOrg;
  let officer: TestUser;
  let uscc: string;
  const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });
  const act = (u: TestUser, id: string, action: string, body: object = {}) => t.http().post(`/api/v1/cases/${id}/actions/${action}`).set(auth(u)).send(body);
  const patchOrg = (id: string, body: object, lang = 'en') => t.http().patch(`/api/v1/admin/organizations/${id}`).set(auth(admin)).set('accept-language', lang).send(body);
  const orgView = async (id: string) => (await t.http().get('/api/v1/admin/organizations').query({ limit: 100 }).set(auth(admin))).body.items.find((o: { id: string }) => o.id === id);

  beforeAll(async () => {
    s = await scratchDatabase('lyg_handover');
    t = await startTestApp({ DATABASE_URL: s.url, S3_BUCKET: s.bucket });
    uscc = randomUscc();
    enterprise = await createUser(t, 'enterprise', (await createOrg(t.ds, 'enterprise', { uscc })).id);
    const center = await createOrg(t.ds, 'protection_center');
    examiner = await createUser(t, 'examiner', center.id);
    supervisor = await createUser(t, 'supervisor', center.id);
    admin = await createUser(t, 'admin', null);
    police = await createOrg(t.ds, 'police', { name: '连云港市公安局（旧）' });
    officer = await createUser(t, 'police', police.id);
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await s?.drop();
  });

  /** A case with two evidence files, transferred to the police with the first of them. */
  const transferred = async () => {
    const d = await t.http().post('/api/v1/complaints').set(auth(enterprise)).send(uniqueRespondent(exampleComplaint({ uscc })));
    const files: string[] = [];
    for (const [i, kind] of (['notarial_certificate', 'purchase_record'] as const).entries()) {
      const up = await t.http().post(`/api/v1/complaints/${d.body.id}/evidence`).set(auth(enterprise)).field('kind', kind)
        .attach('file', Buffer.concat([Buffer.from(`%PDF-1.4\n% ${i} ${Math.random()}\n`), Buffer.alloc(900, i + 1)]), `证据-${i}.pdf`);
      expect(up.status).toBe(201);
      files.push(up.body.id);
    }
    expect((await act(enterprise, d.body.id, 'submit')).status).toBe(200);
    expect((await act(examiner, d.body.id, 'accept', { route: 'police_transfer_review', overrideReason: '涉嫌犯罪' })).status).toBe(200);
    const approved = await act(supervisor, d.body.id, 'approve_transfer', { evidenceIds: [files[0]] });
    expect(approved.status).toBe(200);
    return { id: d.body.id as string, files };
  };

  it('refuses to deactivate without a successor, checks the one named, then hands the case over whole', async () => {
    const c = await transferred();
    const before = (await t.http().get(`/api/v1/cases/${c.id}`).set(auth(supervisor))).body;
    expect(before.state).toBe('police_transfer_review.awaiting_police_decision');
    expect((await orgView(police.id)).openTransfers).toBe(1);

    // No successor: refused, naming the field and the number of cases; the organisation and its accounts stay.
    const refused = await patchOrg(police.id, { active: false });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'successorId', code: 'open_transfers', message: expect.stringContaining('1 transferred case(s)') }]);
    const zh = await patchOrg(police.id, { active: false }, 'zh-CN');
    expect(zh.body.errors[0].message).toContain('1 件移送案件未办结');
    expect((await orgView(police.id)).active).toBe(true);
    expect((await t.http().get(`/api/v1/cases/${c.id}`).set(auth(officer))).status).toBe(200);

    // A successor must be another active organisation of the same kind.
    const court = await createOrg(t.ds, 'court');
    const dormant = await createOrg(t.ds, 'police');
    await t.ds.query('UPDATE organization SET active = false WHERE id = $1', [dormant.id]);
    for (const successorId of [police.id, court.id, dormant.id, '00000000-0000-4000-8000-000000000000']) {
      const bad = await patchOrg(police.id, { active: false, successorId });
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toEqual([{ field: 'successorId', code: 'successor_invalid', message: 'must be another active organisation of the same kind (Police)' }]);
    }
    // Naming one without leaving is a mistake, not a no-op.
    const successor = await createOrg(t.ds, 'police', { name: '连云港市公安局' });
    const stray = await patchOrg(police.id, { name: '连云港市公安局（撤并前）', successorId: successor.id });
    expect(stray.status).toBe(422);
    expect(stray.body.errors[0]).toMatchObject({ field: 'successorId', code: 'successor_not_applicable' });
    const unchanged = (await t.http().get(`/api/v1/cases/${c.id}`).set(auth(supervisor))).body;
    expect(unchanged.version).toBe(before.version);
    expect(await t.ds.query("SELECT 1 FROM audit_entry WHERE case_id = $1 AND action = 'hand_over'", [c.id])).toEqual([]);

    const newOfficer = await createUser(t, 'police', successor.id, 'en');
    expect((await t.http().get(`/api/v1/cases/${c.id}`).set(auth(newOfficer))).status).toBe(404);
    const done = await patchOrg(police.id, { active: false, successorId: successor.id });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ active: false, openTransfers: 0 });
    expect((await orgView(successor.id)).openTransfers).toBe(1);

    // The case: same stage, same deadline, a new version, now with the successor.
    const after = (await t.http().get(`/api/v1/cases/${c.id}`).set(auth(supervisor))).body;
    expect(after).toMatchObject({ state: before.state, version: before.version + 1, deadlines: before.deadlines });
    expect((await t.ds.query('SELECT transferred_to FROM ip_case WHERE id = $1', [c.id]))[0].transferred_to).toBe(successor.id);

    // The old organisation's sessions end; the successor sees the case, the shared evidence (only it) and its package.
    expect((await t.http().get(`/api/v1/cases/${c.id}`).set(auth(officer))).status).toBe(401);
    expect((await t.http().get(`/api/v1/cases/${c.id}`).set(auth(newOfficer))).status).toBe(200);
    const evidence = await t.http().get(`/api/v1/cases/${c.id}/evidence`).set(auth(newOfficer));
    expect(evidence.status).toBe(200);
    expect(evidence.body.items.map((e: { id: string }) => e.id)).toEqual([c.files[0]]);
    const pkg = await t.http().get(`/api/v1/cases/${c.id}/transfer-package`).set(auth(newOfficer));
    expect(pkg.status).toBe(200);
    expect(pkg.body).toMatchObject({ caseId: c.id, agency: 'police', organizationId: successor.id });
    expect(pkg.body.document.recipient).toMatchObject({ agency: 'police', organizationId: successor.id, name: '连云港市公安局' });
    expect(pkg.body.document.evidence.map((e: { id: string }) => e.id)).toEqual([c.files[0]]);
    expect(pkg.body.document.transfer).toMatchObject({ action: 'hand_over', actorRole: 'admin', fromState: before.state, toState: before.state });
    // Its proof leads to the hand-over's own audit entry (pending until the next signed checkpoint).
    const proof = await t.http().get(`/api/v1/cases/${c.id}/transfer-package/proof`).set(auth(newOfficer));
    expect(proof.status).toBe(200);
    expect(proof.body.transferEntry).toMatchObject({ action: 'hand_over', caseId: c.id, details: { transferPackage: { id: pkg.body.id, sha256: pkg.body.sha256 } } });

    // One audit entry on the case says from whom to whom, with the package's digest; the administrator's entry lists the case.
    const [entry] = await t.ds.query("SELECT actor_id, actor_role, from_state, to_state, details::jsonb AS details FROM audit_entry WHERE case_id = $1 AND action = 'hand_over'", [c.id]);
    expect(entry).toMatchObject({ actor_id: admin.id, actor_role: 'admin', from_state: before.state, to_state: before.state });
    expect(entry.details).toMatchObject({ from: police.id, to: successor.id, sharedEvidenceIds: [c.files[0]], transferPackage: { id: pkg.body.id, sha256: pkg.body.sha256 } });
    const [adminEntry] = await t.ds.query("SELECT details::jsonb AS details FROM audit_entry WHERE action = 'organization_updated' AND details::jsonb->>'organizationId' = $1 AND details::jsonb ? 'successorId'", [police.id]);
    expect(adminEntry.details).toMatchObject({ successorId: successor.id, handedOverCaseIds: [c.id] });
    expect((await t.http().get('/api/v1/audit/verify').set(auth(supervisor))).body.valid).toBe(true);

    // The successor's accounts are told, in their language; and they can act on the case.
    const mail = await t.ds.query("SELECT recipient, language FROM outbox_message WHERE case_id = $1 AND template = 'case_transferred' AND recipient = $2", [c.id, newOfficer.email]);
    expect(mail).toEqual([{ recipient: newOfficer.email, language: 'en' }]);
    expect((await act(newOfficer, c.id, 'acknowledge')).status).toBe(200);
    const filed = await act(newOfficer, c.id, 'police_file_case');
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ state: 'closed', outcome: 'transferred_criminal' });
  });

  it('a transfer meeting a change of its receiver under way is refused with 409 (nothing written) and goes through after it', async () => {
    const d = await t.http().post('/api/v1/complaints').set(auth(enterprise)).send(uniqueRespondent(exampleComplaint({ uscc })));
    expect((await act(enterprise, d.body.id, 'submit')).status).toBe(200);
    expect((await act(examiner, d.body.id, 'accept', { route: 'police_transfer_review', overrideReason: '涉嫌犯罪' })).status).toBe(200);
    const [receiver] = await t.ds.query("SELECT id FROM organization WHERE kind = 'police' AND active ORDER BY created_at LIMIT 1");
    // An administrator's change of the police organisation holds its row (as a deactivation handing over cases does).
    const admin = t.ds.createQueryRunner();
    await admin.connect();
    await admin.startTransaction();
    try {
      await admin.query('SELECT 1 FROM organization WHERE id = $1 FOR UPDATE', [receiver.id]);
      const refused = await act(supervisor, d.body.id, 'approve_transfer').set('accept-language', 'en');
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('version_conflict');
      expect(await t.ds.query('SELECT 1 FROM transfer_package WHERE case_id = $1', [d.body.id])).toEqual([]);
    } finally {
      await admin.rollbackTransaction();
      await admin.release();
    }
    const approved = await act(supervisor, d.body.id, 'approve_transfer');
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('police_transfer_review.awaiting_police_decision');
  });

  it('a change of kind also needs a successor while cases are open; an organisation with none changes freely', async () => {
    const customs = await createOrg(t.ds, 'customs', { name: '连云港海关（旧）' });
    const d = await t.http().post('/api/v1/complaints').set(auth(enterprise)).send(uniqueRespondent(exampleComplaint({ uscc })));
    expect((await act(enterprise, d.body.id, 'submit')).status).toBe(200);
    expect((await act(examiner, d.body.id, 'accept', { route: 'customs_referral', overrideReason: '涉及进出口' })).status).toBe(200);
    expect((await t.ds.query('SELECT transferred_to FROM ip_case WHERE id = $1', [d.body.id]))[0].transferred_to).toBe(customs.id);

    const refused = await patchOrg(customs.id, { kind: 'court' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'successorId', code: 'open_transfers' });
    const successor = await createOrg(t.ds, 'customs');
    const changed = await patchOrg(customs.id, { kind: 'court', successorId: successor.id });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ kind: 'court', active: true, openTransfers: 0 });
    expect((await t.ds.query('SELECT transferred_to FROM ip_case WHERE id = $1', [d.body.id]))[0].transferred_to).toBe(successor.id);

    // Nothing open: no successor needed.
    const idle = await createOrg(t.ds, 'police');
    expect((await patchOrg(idle.id, { active: false })).status).toBe(200);
  });

  it('with several of a kind: the transfer goes to the one chosen (agencyId), and a hand-over to the successor named, not the oldest', async () => {
    const [oldest] = await t.ds.query("SELECT id FROM organization WHERE kind = 'police' AND active ORDER BY created_at, id LIMIT 1");
    const chosen = await createOrg(t.ds, 'police', { name: '连云港市公安局海州分局' });
    const later = await createOrg(t.ds, 'police', { name: '连云港市公安局连云分局' });
    const laterOfficer = await createUser(t, 'police', later.id);
    const d = await t.http().post('/api/v1/complaints').set(auth(enterprise)).send(uniqueRespondent(exampleComplaint({ uscc })));
    expect((await act(enterprise, d.body.id, 'submit')).status).toBe(200);
    expect((await act(examiner, d.body.id, 'accept', { route: 'police_transfer_review', overrideReason: '涉嫌犯罪' })).status).toBe(200);

    // Not a police organisation, or not a step that transfers: 422 naming agencyId, nothing written.
    const court = await createOrg(t.ds, 'court');
    const wrong = await act(supervisor, d.body.id, 'approve_transfer', { agencyId: court.id }).set('accept-language', 'en');
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ field: 'agencyId', code: 'agency_invalid', message: 'must be an active organisation of the kind Police' }]);
    const notUuid = await act(supervisor, d.body.id, 'approve_transfer', { agencyId: 'police' });
    expect(notUuid.status).toBe(422);
    expect(notUuid.body.errors[0]).toMatchObject({ field: 'agencyId', code: 'uuid' });
    const reject = await act(supervisor, d.body.id, 'reject_transfer', { reason: '证据不足', agencyId: chosen.id });
    expect(reject.status).toBe(422);
    expect(reject.body.errors[0]).toMatchObject({ field: 'agencyId', code: 'unknown_field' });
    expect((await t.http().get(`/api/v1/cases/${d.body.id}`).set(auth(supervisor))).body.state).toBe('police_transfer_review.awaiting_approval');

    const approved = await act(supervisor, d.body.id, 'approve_transfer', { agencyId: chosen.id });
    expect(approved.status).toBe(200);
    expect((await t.ds.query('SELECT transferred_to FROM ip_case WHERE id = $1', [d.body.id]))[0].transferred_to).toBe(chosen.id);
    expect(chosen.id).not.toBe(oldest.id);

    // The chosen one leaves, naming the latest as successor (an older police organisation is still active).
    const done = await patchOrg(chosen.id, { active: false, successorId: later.id });
    expect(done.status).toBe(200);
    expect((await t.ds.query('SELECT transferred_to FROM ip_case WHERE id = $1', [d.body.id]))[0].transferred_to).toBe(later.id);
    const pkg = await t.http().get(`/api/v1/cases/${d.body.id}/transfer-package`).set(auth(laterOfficer));
    expect(pkg.status).toBe(200);
    expect(pkg.body).toMatchObject({ organizationId: later.id });
    const [entry] = await t.ds.query("SELECT details::jsonb AS details FROM audit_entry WHERE case_id = $1 AND action = 'hand_over'", [d.body.id]);
    expect(entry.details).toMatchObject({ from: chosen.id, to: later.id, transferredTo: later.id });
    const told = await t.ds.query("SELECT recipient FROM outbox_message WHERE case_id = $1 AND template = 'case_transferred' ORDER BY created_at DESC LIMIT 1", [d.body.id]);
    expect(told).toEqual([{ recipient: laterOfficer.email }]);
  });
});
