// S1 (quality.md): the access matrix. Every operation of the OpenAPI document the running app serves × every
// role × own / other organisation, held against the expectation table below (contract.md "Visibility" and the
// route's role list). The table is written out by hand on purpose: a new route without a row fails the suite until
// someone decides who may call it.
import { AGENCY_ROLES, ROLES, type Role } from '@lyg/domain';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { exampleComplaint } from './complaints';
import { randomUscc, type TestApp } from './test-app';
import type { Subject, World } from './security-world';

export interface Operation {
  method: string;
  /** OpenAPI path template, e.g. `/api/v1/cases/{id}`. */
  path: string;
  key: string;
}

/** Open without a token (contract.md: login, the respondent link, the calendar, health; plus the API docs). */
export const PUBLIC_OPERATIONS = [/^POST \/api\/v1\/auth\/login$/, /^GET \/api\/v1\/calendar\//, /^(GET|POST) \/api\/v1\/respond\/\{token\}/, /^GET (\/api\/v1)?\/health$/, /^GET \/api\/v1\/audit\/public-keys$/];

/** The operations of the OpenAPI document (`GET /api/docs-json`) under /api/v1 that need a token. */
export async function protectedOperations(t: TestApp): Promise<{ all: Operation[]; protected: Operation[] }> {
  const res = await t.http().get('/api/docs-json');
  if (res.status !== 200) throw new Error(`OpenAPI document: ${res.status}`);
  const all: Operation[] = [];
  for (const [path, item] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
    for (const method of Object.keys(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const m = method.toUpperCase();
      all.push({ method: m, path, key: `${m} ${path}` });
    }
  }
  return { all, protected: all.filter((o) => o.path.startsWith('/api/v1/') && !PUBLIC_OPERATIONS.some((re) => re.test(o.key))) };
}

export type IdKind = 'case' | 'evidence';

export interface Access {
  /** Roles that pass the route's role check (a `@Roles` list, or the statechart's for actions). */
  roles: readonly Role[];
  /** What the path's `{id}` names; omitted for routes without a case or evidence id. */
  id?: IdKind;
  /**
   * `guard`: the role is checked before anything is looked up, so a wrong role gets 403 for any id (no oracle);
   * `scope` (the default): visibility first, so a case the caller cannot see is 404 whatever the role.
   */
  roleCheck?: 'guard' | 'scope';
  /** Statuses an allowed role gets on a case it sees (or on the route, without an id). */
  own: readonly number[];
  /** Per-role exceptions to `own`. */
  ownByRole?: Partial<Record<Role, readonly number[]>>;
  /** Fixed values of other path parameters. */
  params?: (s: Subject) => Record<string, string>;
  query?: string;
  body?: (w: World, s: Subject) => unknown;
  /** Allowed roles are not called (the call has effects beyond this suite's own data). */
  skipAllowed?: boolean;
  note?: string;
}

const ALL = ROLES;
const QUEUE: Role[] = ['examiner', 'supervisor', 'mediator', 'officer'];
const STAFF_UPLOAD: Role[] = ['enterprise', 'examiner', 'supervisor', 'officer', 'mediator'];
const OVERSIGHT: Role[] = ['supervisor', 'admin'];
/**
 * An action of another role that the stage of the caller's visible case offers (lifecycle.md): 403. (An action the
 * stage does not offer at all is 409 whoever asks; awaiting a police decision offers only the police's own.)
 */
const foreignAction = (r: Role) => (r === 'enterprise' || r === 'police' ? 'accept' : 'withdraw');
const preview = () => ({ ...exampleComplaint(), evidenceKinds: ['right_certificate'] });
const UNKNOWN_USCC = randomUscc();
const UNKNOWN_ID = randomUUID();

/**
 * The expectation table, one row (or several variants) per operation of the OpenAPI document. Derived by calling
 * every route as every role and checking each observed answer against contract.md; where they disagreed the code
 * was fixed (docs/security.md lists what).
 */
export const ACCESS: Record<string, Access[]> = {
  'GET /api/v1/auth/me': [{ roles: ALL, own: [200] }],
  // An empty body: 422 for anyone signed in (the suite's own passwords stay as they are).
  'POST /api/v1/auth/password': [{ roles: ALL, own: [422], body: () => ({}) }],
  // A fresh token for any signed-in caller (the suite's own tokens stay valid: a renewal revokes nothing).
  'POST /api/v1/auth/refresh': [{ roles: ALL, own: [200] }],
  'POST /api/v1/complaints': [{ roles: ['enterprise'], own: [201], body: () => exampleComplaint() }],
  // The visible case is in screening: not editable any more (409); staff never see drafts at all.
  'PATCH /api/v1/complaints/{id}': [{ roles: ['enterprise'], id: 'case', roleCheck: 'guard', own: [409], body: () => ({}) }],
  // `state=closed`: nothing to claim (204), so the suite never takes another suite's queued case.
  'POST /api/v1/cases/claim-next': [{ roles: QUEUE, query: 'state=closed', own: [204] }],
  'POST /api/v1/cases/{id}/claim': [{ roles: QUEUE, id: 'case', roleCheck: 'guard', own: [200, 409] }],
  'POST /api/v1/cases/{id}/release': [{ roles: QUEUE, id: 'case', roleCheck: 'guard', own: [200, 409] }],
  'POST /api/v1/cases/{id}/assign': [{ roles: ['supervisor'], id: 'case', roleCheck: 'guard', own: [200], body: (w) => ({ assigneeId: w.users.examiner.id }) }],
  'GET /api/v1/cases/{id}/history': [{ roles: ALL, id: 'case', own: [200] }],
  'GET /api/v1/cases': [{ roles: ALL, own: [200] }],
  // The live queue by stage: counts within the caller's own scope, for the staff who work queues and the admin.
  'GET /api/v1/cases/stages': [{ roles: ['examiner', 'supervisor', 'mediator', 'officer', 'admin'], own: [200] }],
  'POST /api/v1/cases/{id}/actions/{action}': [
    // An action of another role: 403 on a case the caller sees, 404 on one it does not (the route itself is open to
    // every role; the statechart refuses the role after the case is found).
    { roles: ALL, id: 'case', own: [403], ownByRole: { police: [409] }, params: (s) => ({ action: foreignAction(s.role) }), note: 'foreign action' },
    // Not an action at all: 404 like an unknown route, whoever asks.
    { roles: ALL, id: 'case', own: [404], params: () => ({ action: 'make_admin' }), note: 'unknown action' },
  ],
  'GET /api/v1/cases/{id}': [{ roles: ALL, id: 'case', own: [200] }],
  // Admin calls get an invalid body (422) or an unknown key (404): nothing global is changed by this suite.
  'PUT /api/v1/admin/calendar/{year}': [{ roles: ['admin'], own: [422], params: () => ({ year: '2199' }), body: () => ({}) }],
  'POST /api/v1/admin/registered-enterprises': [{ roles: ['admin'], own: [422], body: () => ({}) }],
  'GET /api/v1/admin/registered-enterprises': [{ roles: ['admin'], own: [200] }],
  'DELETE /api/v1/admin/registered-enterprises/{uscc}': [{ roles: ['admin'], own: [404], params: () => ({ uscc: UNKNOWN_USCC }) }],
  'GET /api/v1/admin/outbox': [{ roles: ['admin'], own: [200] }],
  // The embedded SMTP sink's mail (none in the tests' app: `available: false`, and no message to read).
  'GET /api/v1/admin/mail-sink': [{ roles: ['admin'], own: [200] }],
  'GET /api/v1/admin/mail-sink/{id}': [{ roles: ['admin'], own: [404], params: () => ({ id: '2026-12-07T13-05-00-123Z-00000000-0000-4000-8000-000000000000.eml' }) }],
  'GET /api/v1/admin/organizations': [{ roles: ['admin'], own: [200] }],
  'POST /api/v1/admin/organizations': [{ roles: ['admin'], own: [422], body: () => ({}) }],
  'PATCH /api/v1/admin/organizations/{id}': [{ roles: ['admin'], own: [404], params: () => ({ id: UNKNOWN_ID }), body: () => ({}) }],
  'GET /api/v1/admin/users': [{ roles: ['admin'], own: [200] }],
  'POST /api/v1/admin/users': [{ roles: ['admin'], own: [422], body: () => ({}) }],
  'PATCH /api/v1/admin/users/{id}': [{ roles: ['admin'], own: [404], params: () => ({ id: UNKNOWN_ID }), body: () => ({}) }],
  'POST /api/v1/admin/users/{id}/reset-password': [{ roles: ['admin'], own: [404], params: () => ({ id: UNKNOWN_ID }) }],
  // The eligible assignees by name: staff of the queues and the admin, not parties or agencies.
  'GET /api/v1/staff': [{ roles: ['examiner', 'supervisor', 'mediator', 'officer', 'admin'], own: [200] }],
  // The organisations a transfer may go to (agencyId): the staff who decide transfers, not parties or agencies.
  'GET /api/v1/agencies': [{ roles: ['examiner', 'supervisor', 'mediator', 'officer', 'admin'], own: [200] }],
  'POST /api/v1/admin/outbox/{id}/resend': [{ roles: ['admin'], own: [404], params: () => ({ id: UNKNOWN_ID }) }],
  'POST /api/v1/triage/preview': [{ roles: ALL, own: [200], body: preview }],
  // Which rule sets triage judges by: the center's staff, not parties or agencies.
  'GET /api/v1/triage/rule-sets': [{ roles: ['examiner', 'supervisor', 'mediator', 'officer', 'admin'], own: [200] }],
  'GET /api/v1/triage/rule-sets/{version}': [{ roles: ['examiner', 'supervisor', 'mediator', 'officer', 'admin'], own: [200], params: () => ({ version: '2025-04-26' }) }],
  // A set checked, nothing stored: the administrators who place the files.
  'POST /api/v1/triage/rule-sets/check': [{ roles: ['admin'], own: [200], body: () => ({}) }],
  // No multipart body: 415 once the caller is known to see the case and may add to it; an enterprise's visible case
  // is past the draft (409).
  'POST /api/v1/complaints/{id}/evidence': [{ roles: STAFF_UPLOAD, id: 'case', roleCheck: 'guard', own: [415], ownByRole: { enterprise: [409] } }],
  'GET /api/v1/cases/{id}/evidence': [{ roles: ALL, id: 'case', own: [200] }],
  'GET /api/v1/evidence/{id}/content': [{ roles: ALL, id: 'evidence', own: [200] }],
  'POST /api/v1/evidence/{id}/share': [{ roles: ['examiner', 'supervisor'], id: 'evidence', roleCheck: 'guard', own: [200], body: () => ({}) }],
  'GET /api/v1/audit/verify': [{ roles: OVERSIGHT, own: [200] }],
  'GET /api/v1/audit/checkpoints/latest': [{ roles: OVERSIGHT, own: [200] }],
  // Signing a checkpoint touches the whole chain (the audit suite's business): only refusals are checked here.
  'POST /api/v1/audit/checkpoints': [{ roles: OVERSIGHT, own: [200], skipAllowed: true }],
  'GET /api/v1/metrics/principles': [{ roles: OVERSIGHT, own: [200] }],
  'GET /api/v1/metrics/principles.csv': [{ roles: OVERSIGHT, own: [200] }],
  // The receiving agency's package of its case; staff read any package of a case they see (none here: 404). An
  // enterprise is refused with 404 rather than 403 (docs/security.md, "Open points").
  'GET /api/v1/cases/{id}/transfer-package': [{ roles: ALL, id: 'case', own: [404], ownByRole: { police: [200], court: [200], customs: [200] } }],
  'GET /api/v1/cases/{id}/transfer-package/proof': [{ roles: ALL, id: 'case', own: [404], ownByRole: { police: [200], court: [200], customs: [200] } }],
  'GET /api/v1/cases/{id}/transfer-package.pdf': [{ roles: ALL, id: 'case', own: [404], ownByRole: { police: [200], court: [200], customs: [200] } }],
};

export const isAgencyRole = (r: Role) => (AGENCY_ROLES as readonly Role[]).includes(r);

export interface Call {
  op: Operation;
  subject: string;
  role: Role;
  which: 'own' | 'other' | 'route';
  url: string;
  expected: readonly number[];
  note?: string;
}

function fill(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? UNKNOWN_ID);
}

/** Every call the matrix makes for one subject, with the statuses contract.md allows for it. */
export function plannedCalls(ops: Operation[], s: Subject): { call: Call; access: Access | null }[] {
  const out: { call: Call; access: Access | null }[] = [];
  for (const op of ops) {
    const variants = ACCESS[op.key];
    if (!variants) {
      // Not in the table (a new route): still no 5xx, and nothing of a case the caller cannot see.
      const idKind: IdKind = /\/evidence\/\{id\}/.test(op.path) ? 'evidence' : 'case';
      const hidden = idKind === 'evidence' ? s.hiddenEvidence : s.hiddenCases;
      if (op.path.includes('{id}')) {
        for (const id of hidden) out.push({ call: { op, subject: s.label, role: s.role, which: 'other', url: fill(op.path, { id }), expected: [403, 404] }, access: null });
      }
      continue;
    }
    for (const a of variants) {
      const allowed = a.roles.includes(s.role);
      const own = a.ownByRole?.[s.role] ?? a.own;
      const params = a.params?.(s) ?? {};
      const q = a.query ? `?${a.query}` : '';
      const note = a.note;
      if (!a.id) {
        if (allowed && a.skipAllowed) continue;
        out.push({ call: { op, subject: s.label, role: s.role, which: 'route', url: fill(op.path, params) + q, expected: allowed ? own : [403], note }, access: a });
        continue;
      }
      const visible = a.id === 'evidence' ? s.visibleEvidence : s.visibleCase;
      const hidden = a.id === 'evidence' ? s.hiddenEvidence : s.hiddenCases;
      const guard = a.roleCheck === 'guard';
      if (visible && !(allowed && a.skipAllowed)) {
        out.push({ call: { op, subject: s.label, role: s.role, which: 'own', url: fill(op.path, { ...params, id: visible }) + q, expected: allowed ? own : [403], note }, access: a });
      }
      for (const id of hidden) {
        // Another organisation's case: 404, never 403 — unless the route refuses the role before looking anything up.
        const expected = !allowed && guard ? [403] : [404];
        out.push({ call: { op, subject: s.label, role: s.role, which: 'other', url: fill(op.path, { ...params, id }) + q, expected, note }, access: a });
      }
    }
  }
  return out;
}

export function send(t: TestApp, method: string, url: string, headers: Record<string, string>, body?: unknown) {
  const r = t.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url).set(headers);
  return body === undefined ? r : r.send(body as object);
}

/** RFC 9457 problem document of contract.md: `application/problem+json` with type, title, status, detail. */
export function problemDefect(res: Response): string | null {
  if (res.status < 400) return null;
  if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) return `content-type ${res.headers['content-type']}`;
  const b = res.body as Record<string, unknown>;
  for (const f of ['type', 'title', 'detail']) if (typeof b?.[f] !== 'string' || !(b[f] as string).length) return `no ${f}`;
  if (b.status !== res.status) return `status ${String(b.status)} ≠ ${res.status}`;
  if (res.status === 422) {
    const errors = b.errors as { field?: unknown; code?: unknown; message?: unknown }[] | undefined;
    if (!Array.isArray(errors) || !errors.length) return '422 without errors[]';
    if (errors.some((e) => typeof e.field !== 'string' || typeof e.code !== 'string' || typeof e.message !== 'string')) return 'errors[] without field/code/message';
  }
  return null;
}
