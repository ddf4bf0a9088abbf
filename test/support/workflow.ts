import type { OrganizationKind } from '@lyg/database';
import type { ComplaintInput } from '@lyg/domain';
import { exampleComplaint } from './complaints';
import { createOrg, createUser, randomUscc, type TestApp, type TestUser } from './test-app';

/** The organisation the workflow transfers to for an agency kind: the first of that kind (one per city). */
export async function agencyOrg(t: TestApp, kind: OrganizationKind): Promise<string> {
  const find = async () => ((await t.ds.query('SELECT id FROM organization WHERE kind = $1 ORDER BY created_at, id LIMIT 1', [kind])) as { id: string }[])[0]?.id;
  return (await find()) ?? (await createOrg(t.ds, kind), (await find())!);
}

export interface Cast {
  enterprise: TestUser;
  uscc: string;
  examiner: TestUser;
  supervisor: TestUser;
  mediator: TestUser;
  officer: TestUser;
  police: TestUser;
  court: TestUser;
  customs: TestUser;
}

/** Everyone a case meets on its way, in organisations of this test file's own (agencies are shared). */
export async function cast(t: TestApp): Promise<Cast> {
  const uscc = randomUscc();
  const center = await createOrg(t.ds, 'protection_center');
  return {
    uscc,
    enterprise: await createUser(t, 'enterprise', (await createOrg(t.ds, 'enterprise', { uscc })).id),
    examiner: await createUser(t, 'examiner', center.id),
    supervisor: await createUser(t, 'supervisor', center.id),
    mediator: await createUser(t, 'mediator', (await createOrg(t.ds, 'mediation_committee')).id),
    officer: await createUser(t, 'officer', (await createOrg(t.ds, 'market_regulation')).id),
    police: await createUser(t, 'police', await agencyOrg(t, 'police')),
    court: await createUser(t, 'court', await agencyOrg(t, 'court')),
    customs: await createUser(t, 'customs', await agencyOrg(t, 'customs')),
  };
}

export function actor(t: TestApp) {
  const act = (u: TestUser, id: string, action: string, body: object = {}) =>
    t.http().post(`/api/v1/cases/${id}/actions/${action}`).set('authorization', `Bearer ${u.token}`).send(body);
  const get = (u: TestUser, id: string) => t.http().get(`/api/v1/cases/${id}`).set('authorization', `Bearer ${u.token}`);
  /** A submitted case in screening, filed by `c.enterprise`; the respondent is unique unless given. */
  const submitted = async (c: Cast, complaint: ComplaintInput = exampleComplaint({ uscc: c.uscc })) => {
    const d = await t.http().post('/api/v1/complaints').set('authorization', `Bearer ${c.enterprise.token}`).send(complaint);
    if (d.status !== 201) throw new Error(`draft: ${d.status} ${JSON.stringify(d.body)}`);
    const s = await act(c.enterprise, d.body.id, 'submit');
    if (s.status !== 200) throw new Error(`submit: ${s.status} ${JSON.stringify(s.body)}`);
    return s.body as { id: string; caseNumber: string; version: number; state: string };
  };
  return { act, get, submitted };
}

export function uniqueRespondent(c: ComplaintInput): ComplaintInput {
  return { ...c, respondent: { ...c.respondent, name: `被投诉方-${Math.random().toString(36).slice(2, 10)}`, uscc: null } };
}
