// The world of the security suites (quality.md S1–S8): users of every role in organisations of this run's own,
// cases in every visibility situation of contract.md ("Visibility"), evidence on them, and forged tokens.
import type { OrganizationKind } from '@lyg/database';
import { ROLES, type Role } from '@lyg/domain';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { multipart } from '../../libs/evidence/src/testing/http';
import * as samples from '../../libs/evidence/src/testing/samples';
import { exampleComplaint } from './complaints';
import { createOrg, createUser, randomUscc, type TestApp, type TestOrg, type TestUser } from './test-app';
import { agencyOrg, uniqueRespondent } from './workflow';

/** The key the test app signs with (test/support/test-app.ts). */
export const TEST_JWT_SECRET = 'test-jwt-secret-0123456789abcdef0123456789';
export const ALL_ROLES: readonly Role[] = ROLES;

export const bearer = (u: { token: string }) => ({ authorization: `Bearer ${u.token}` });

/** A visible case or evidence for the caller ("own"), and ones it must not see ("other"). */
export interface Subject {
  label: string;
  role: Role;
  user: TestUser;
  /** A case the caller may see (contract.md Visibility), if there is one for this role. */
  visibleCase: string | null;
  /** Cases of another organisation / not transferred to the caller's agency / drafts for staff. */
  hiddenCases: string[];
  visibleEvidence: string | null;
  hiddenEvidence: string[];
}

export interface World {
  orgs: { entA: TestOrg; entB: TestOrg; center: TestOrg; police2: TestOrg; procuratorate: TestOrg; police: string; court: string; customs: string };
  users: Record<Role, TestUser> & { enterpriseB: TestUser; police2: TestUser; officer2: TestUser; bureauHead2: TestUser };
  cases: {
    draftA: string;
    draftB: string;
    screeningA: string;
    screeningB: string;
    mediation: string;
    enforcement: string;
    police: string;
    court: string;
    customs: string;
    procuratorate: string;
  };
  /** Evidence per case (uploaded while it was a draft); `shared` on the transferred cases is shared with the agency. */
  evidence: Record<'draftA' | 'draftB' | 'screeningA' | 'screeningB' | 'mediation' | 'enforcement' | 'procuratorate', string> & {
    policeShared: string;
    policeUnshared: string;
    courtShared: string;
    customsShared: string;
  };
  subjects: Subject[];
}

export async function expectStatus(res: Response, status: number, what: string): Promise<Response> {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** Builds the world through the real API (drafts, uploads, submissions, workflow actions); about two seconds. */
export async function buildWorld(t: TestApp): Promise<World> {
  const usccA = randomUscc();
  const usccB = randomUscc();
  const entA = await createOrg(t.ds, 'enterprise', { uscc: usccA });
  const entB = await createOrg(t.ds, 'enterprise', { uscc: usccB });
  const center = await createOrg(t.ds, 'protection_center');
  const mediationOrg = await createOrg(t.ds, 'mediation_committee');
  const amr = await createOrg(t.ds, 'market_regulation');
  // Transfers go to the first organisation of each agency kind (one per city); a second police organisation must
  // see nothing of them.
  const police = await agencyOrg(t, 'police');
  const court = await agencyOrg(t, 'court');
  const customs = await agencyOrg(t, 'customs');
  const police2 = await createOrg(t.ds, 'police');
  const procuratorate = await createOrg(t.ds, 'procuratorate');
  // Another bureau: its officers and head see none of the market-regulation bureau's cases (nor the center's).
  const copyrightBureau = await createOrg(t.ds, 'copyright_bureau');

  const mk = (role: Role, org: string | null) => createUser(t, role, org, 'en', { login: false });
  const users = {
    enterprise: await mk('enterprise', entA.id),
    enterpriseB: await mk('enterprise', entB.id),
    examiner: await mk('examiner', center.id),
    supervisor: await mk('supervisor', center.id),
    mediator: await mk('mediator', mediationOrg.id),
    officer: await mk('officer', amr.id),
    police: await mk('police', police),
    police2: await mk('police', police2.id),
    court: await mk('court', court),
    customs: await mk('customs', customs),
    procuratorate: await mk('procuratorate', procuratorate.id),
    admin: await mk('admin', null),
    officer2: await mk('officer', copyrightBureau.id),
    bureauHead2: await mk('supervisor', copyrightBureau.id),
  };

  const draft = async (u: TestUser, uscc: string): Promise<string> => {
    const res = await t.http().post('/api/v1/complaints').set(bearer(u)).send(uniqueRespondent(exampleComplaint({ uscc })));
    return (await expectStatus(res, 201, 'draft')).body.id as string;
  };
  const upload = async (u: TestUser, caseId: string, name = 'evidence.pdf'): Promise<string> => {
    const { body, contentType } = multipart([
      { name: 'kind', value: 'infringement_evidence' },
      { name: 'file', filename: name, contentType: 'application/pdf', data: samples.pdf(name) },
    ]);
    const res = await t.http().post(`/api/v1/complaints/${caseId}/evidence`).set(bearer(u)).set('content-type', contentType).send(body);
    return (await expectStatus(res, 201, 'evidence upload')).body.id as string;
  };
  const act = async (u: TestUser, id: string, action: string, body: object = {}) =>
    expectStatus(await t.http().post(`/api/v1/cases/${id}/actions/${action}`).set(bearer(u)).send(body), 200, action);
  /** A case filed by `u` with one evidence file (two with `extra`), submitted into screening. */
  const filed = async (u: TestUser, uscc: string, extra = false) => {
    const id = await draft(u, uscc);
    const ev = await upload(u, id);
    const ev2 = extra ? await upload(u, id, 'second.pdf') : null;
    await act(u, id, 'submit');
    return { id, ev, ev2 };
  };
  const accept = (id: string, route: string) => act(users.examiner, id, 'accept', { route, overrideReason: '安全测试：按指定路径受理' });
  const share = async (evidenceId: string, org: string) =>
    expectStatus(await t.http().post(`/api/v1/evidence/${evidenceId}/share`).set(bearer(users.examiner)).send({ organizationIds: [org] }), 200, 'share');

  const draftA = await draft(users.enterprise, usccA);
  const evDraftA = await upload(users.enterprise, draftA);
  const draftB = await draft(users.enterpriseB, usccB);
  const evDraftB = await upload(users.enterpriseB, draftB);
  const screeningA = await filed(users.enterprise, usccA);
  const screeningB = await filed(users.enterpriseB, usccB);
  const mediation = await filed(users.enterprise, usccA);
  await accept(mediation.id, 'mediation');
  const enforcement = await filed(users.enterprise, usccA);
  await accept(enforcement.id, 'administrative_enforcement');
  const policeCase = await filed(users.enterprise, usccA, true);
  await accept(policeCase.id, 'police_transfer_review');
  await act(users.supervisor, policeCase.id, 'approve_transfer');
  const courtCase = await filed(users.enterprise, usccA);
  await accept(courtCase.id, 'court_referral');
  const customsCase = await filed(users.enterprise, usccA);
  await accept(customsCase.id, 'customs_referral');
  // No route of lifecycle.md transfers to a procuratorate; the visibility rule is the same, so the case is handed
  // to one directly (only `transferred_to`, which is all the rule reads).
  const procCase = await filed(users.enterprise, usccA);
  await t.ds.query('UPDATE ip_case SET transferred_to = $2 WHERE id = $1', [procCase.id, procuratorate.id]);
  await share(policeCase.ev, police);
  await share(courtCase.ev, court);
  await share(customsCase.ev, customs);
  await share(procCase.ev, procuratorate.id);

  const cases = {
    draftA,
    draftB,
    screeningA: screeningA.id,
    screeningB: screeningB.id,
    mediation: mediation.id,
    enforcement: enforcement.id,
    police: policeCase.id,
    court: courtCase.id,
    customs: customsCase.id,
    procuratorate: procCase.id,
  };
  const evidence = {
    draftA: evDraftA,
    draftB: evDraftB,
    screeningA: screeningA.ev,
    screeningB: screeningB.ev,
    mediation: mediation.ev,
    enforcement: enforcement.ev,
    procuratorate: procCase.ev,
    policeShared: policeCase.ev,
    policeUnshared: policeCase.ev2!,
    courtShared: courtCase.ev,
    customsShared: customsCase.ev,
  };

  const subject = (label: string, user: TestUser, visibleCase: string | null, hiddenCases: string[], visibleEvidence: string | null, hiddenEvidence: string[]): Subject => ({
    label,
    role: user.role,
    user,
    visibleCase,
    hiddenCases,
    visibleEvidence,
    hiddenEvidence,
  });
  const staffHidden = [draftA, draftB];
  const staffHiddenEv = [evDraftA, evDraftB];
  const agencyHidden = (own: string) => [cases.screeningA, cases.mediation, ...[cases.police, cases.court, cases.customs, cases.procuratorate].filter((c) => c !== own)];
  const agencyHiddenEv = (own: string) =>
    [evidence.screeningA, evidence.policeShared, evidence.policeUnshared, evidence.courtShared, evidence.customsShared, evidence.procuratorate].filter((e) => e !== own);

  const subjects: Subject[] = [
    subject('enterprise (filer)', users.enterprise, cases.screeningA, [cases.screeningB, draftB], evidence.screeningA, [evidence.screeningB, evDraftB]),
    subject('enterprise (other organisation)', users.enterpriseB, cases.screeningB, [cases.screeningA, draftA, cases.police], evidence.screeningB, [evidence.screeningA, evDraftA]),
    subject('examiner', users.examiner, cases.screeningA, staffHidden, evidence.screeningA, staffHiddenEv),
    subject('supervisor', users.supervisor, cases.screeningA, staffHidden, evidence.screeningA, staffHiddenEv),
    subject('mediator', users.mediator, cases.mediation, [cases.screeningA, cases.enforcement, draftA], evidence.mediation, [evidence.screeningA, evidence.enforcement]),
    subject('officer', users.officer, cases.enforcement, [cases.screeningA, cases.mediation, draftA], evidence.enforcement, [evidence.screeningA, evidence.mediation]),
    subject('officer (another bureau)', users.officer2, null, [cases.enforcement, cases.screeningA, cases.mediation], null, [evidence.enforcement, evidence.screeningA]),
    subject('supervisor (another bureau)', users.bureauHead2, null, [cases.enforcement, cases.police, cases.screeningA, cases.mediation, cases.court], null, [evidence.enforcement, evidence.screeningA, evidence.policeShared]),
    subject('police (receiving)', users.police, cases.police, agencyHidden(cases.police), evidence.policeShared, [...agencyHiddenEv(evidence.policeShared)]),
    subject('police (other organisation)', users.police2, null, [cases.police, cases.screeningA], null, [evidence.policeShared, evidence.screeningA]),
    subject('court', users.court, cases.court, agencyHidden(cases.court), evidence.courtShared, agencyHiddenEv(evidence.courtShared)),
    subject('customs', users.customs, cases.customs, agencyHidden(cases.customs), evidence.customsShared, agencyHiddenEv(evidence.customsShared)),
    subject('procuratorate', users.procuratorate, cases.procuratorate, agencyHidden(cases.procuratorate), evidence.procuratorate, agencyHiddenEv(evidence.procuratorate)),
    subject('admin', users.admin, cases.screeningA, staffHidden, evidence.screeningA, staffHiddenEv),
  ];
  return {
    orgs: { entA, entB, center, police2, procuratorate, police, court, customs },
    users: users as World['users'],
    cases,
    evidence,
    subjects,
  };
}

/** The organisation kinds the role's users belong to (for fresh users made by a test). */
export const ORG_KIND_OF_ROLE: Record<Role, OrganizationKind | null> = {
  enterprise: 'enterprise',
  examiner: 'protection_center',
  supervisor: 'protection_center',
  mediator: 'mediation_committee',
  officer: 'market_regulation',
  police: 'police',
  court: 'court',
  customs: 'customs',
  procuratorate: 'procuratorate',
  admin: null,
};

// ---- forged and broken tokens (S2) ----------------------------------------------------------------------------

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Tokens that must all be refused with 401, for a real user `u` (so only the token itself is wrong). */
export function badTokens(u: TestUser): [string, string][] {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: u.id, role: 'admin', org: u.organizationId, email: u.email };
  const [h, p, s] = u.token.split('.');
  const real = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
  const right = new JwtService({ secret: TEST_JWT_SECRET });
  return [
    ['no Authorization header', ''],
    ['another scheme', `Basic ${Buffer.from(`${u.email}:x`).toString('base64')}`],
    ['alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iat: now, exp: now + 600 })}.`],
    ['alg none with the real signature', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${p}.${s}`],
    ['HS512 with the right key', `Bearer ${right.sign(claims, { algorithm: 'HS512', expiresIn: 600 })}`],
    ['wrong key', `Bearer ${new JwtService({ secret: 'another-secret-0123456789abcdef0123456789' }).sign(claims, { expiresIn: 600 })}`],
    ['expired', `Bearer ${right.sign({ ...claims, role: u.role, exp: now - 5 })}`],
    ['not yet valid', `Bearer ${right.sign({ ...claims, role: u.role, nbf: now + 3600, exp: now + 7200 })}`],
    ['tampered claims (role → admin)', `Bearer ${h}.${b64({ ...real, role: 'admin' })}.${s}`],
    ['tampered signature', `Bearer ${h}.${p}.${s.slice(0, -4)}${s.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`],
    ['truncated', `Bearer ${h}.${p}`],
    ['garbage', `Bearer ${randomUUID()}`],
  ];
}
