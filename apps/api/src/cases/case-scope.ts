import type { Caller } from '@lyg/auth';
import { AGENCY_ROLES, AppError, BUREAU_ROUTES, ENFORCEMENT_AGENCIES, type Role } from '@lyg/domain';
import { servingBureauSql } from '@lyg/workflow';
import type { EntityManager } from 'typeorm';

export interface SqlFragment {
  sql: string;
  params: Record<string, unknown>;
}

const isAgency = (r: Role) => (AGENCY_ROLES as readonly Role[]).includes(r);

/**
 * The caller's organisation kind, once per statement. The table's name is quoted: TypeORM's update builder would take
 * a bare `organization` for IpCase's relation.
 */
const ORG_KIND = `(SELECT o.kind FROM "organization" o WHERE o.id = :scopeOrg)`;
const quoted = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
const BUREAU_ROUTE_LIST = quoted(BUREAU_ROUTES);
const bureauOr = (expr: string) => `CASE WHEN ${expr} IN (${quoted(ENFORCEMENT_AGENCIES)}) THEN ${expr} END`;
/**
 * `enforcementBureauOf` in SQL, as served (`servingBureauSql`): on a bureau's route the same three sources in the same
 * order, else null.
 */
const CASE_BUREAU = `CASE WHEN c.route IN (${BUREAU_ROUTE_LIST}) THEN ${servingBureauSql(
  `coalesce(${bureauOr('c.competent_agency')}, ${bureauOr("(c.snapshot->'context'->'triage'->>'enforcementAgency')")}, ${bureauOr("(c.snapshot->'context'->'triage'->>'competentAgency')")})`,
)} END`;
/** The cases of the caller's own bureau (officers and bureau heads). */
const OWN_BUREAU_CASES = `${CASE_BUREAU} = ${ORG_KIND}`;

/**
 * A case transferred or referred to the caller's organisation: one it holds now, or one that came back from it (a
 * police decline made final returns the case to enforcement), which every transfer's package still names. It reads
 * such a case (its page, history, evidence shared with it, its package); it acts only on one it holds (`holdsCase`).
 */
const RECEIVED_CASES = `(c.transferred_to = :scopeOrg OR EXISTS (SELECT 1 FROM transfer_package tp WHERE tp.case_id = c.id AND tp.organization_id = :scopeOrg))`;

/**
 * `one`: a case by its id (its page, history, evidence, package, an action on it); `list`: the caller's lists. They
 * differ for a receiving agency only: its lists are the cases it holds now (an index range in queue order, however
 * many it has received), while a case that came back from it still opens by its id.
 */
export type ScopeReach = 'one' | 'list';

/**
 * Which cases a caller may see (contract.md, "Visibility"), as a WHERE fragment on alias `c`. Every case query goes
 * through it; a case outside the scope is reported as not found (404), never as forbidden.
 */
export function caseScope(caller: Caller, reach: ScopeReach): SqlFragment {
  const p = { scopeOrg: caller.organizationId, scopeUser: caller.userId };
  switch (caller.role) {
    case 'enterprise':
      return { sql: 'c.organization_id = :scopeOrg', params: p };
    case 'examiner':
    case 'admin':
      return { sql: "c.state <> 'draft'", params: p };
    case 'supervisor':
      // The center's heads see every submitted case; a bureau's head, the cases of the bureau's routes (its
      // enforcement and the police transfers proposed from it) and any case given to them.
      return {
        sql: `c.state <> 'draft' AND (${ORG_KIND} = 'protection_center' OR c.assignee_id = :scopeUser OR ${OWN_BUREAU_CASES})`,
        params: p,
      };
    case 'mediator':
      return { sql: "(c.route = 'mediation' OR c.assignee_id = :scopeUser)", params: p };
    case 'officer':
      // Their own bureau's cases (a copyright case is the copyright bureau's): its enforcement and the police transfers
      // its officers follow up (their queue, queueRolesOf), and any case given to them.
      return {
        sql: `(c.assignee_id = :scopeUser OR ${OWN_BUREAU_CASES})`,
        params: p,
      };
    default:
      if (isAgency(caller.role)) return { sql: reach === 'one' ? RECEIVED_CASES : 'c.transferred_to = :scopeOrg', params: p };
      return { sql: 'false', params: p };
  }
}

/**
 * `caseScope` for a statement with positional parameters: its `:name`s become `$next`, `$next + 1`, … in the order
 * they first appear, with only the values it uses (PostgreSQL cannot type a parameter no clause uses).
 */
export function positionalCaseScope(caller: Caller, next: number, reach: ScopeReach): { sql: string; values: unknown[] } {
  const { sql, params } = caseScope(caller, reach);
  const values: unknown[] = [];
  const index = new Map<string, number>();
  const text = sql.replace(/(?<!:):([A-Za-z]\w*)/g, (_, name: string) => {
    let i = index.get(name);
    if (i === undefined) {
      i = next + values.length;
      index.set(name, i);
      values.push(params[name as keyof typeof params]);
    }
    return `$${i}`;
  });
  return { sql: text, values };
}

/**
 * Whether account `u` (joined to its organisation as `o`) may be given a case of bureau `bureau` (an SQL expression;
 * null off the bureaus' routes): officers and heads of that bureau, the center's staff and the other queues' roles;
 * officers of any bureau for a case of none (its stage then decides). The rule `caseScope` applies to those accounts.
 */
export const fitsBureauSql = (bureau: string): string =>
  `(u.role NOT IN ('officer', 'supervisor') OR o.kind = 'protection_center' OR o.kind = ${bureau} OR (u.role = 'officer' AND ${bureau} IS NULL))`;

/** The bureau (as served) of a case `caller` can see, for `fitsBureauSql`; not found otherwise. */
export async function bureauOfVisibleCase(m: EntityManager, caller: Caller, id: string): Promise<string | null> {
  const scope = positionalCaseScope(caller, 2, 'one');
  const [c]: { bureau: string | null }[] = await m.query(`SELECT ${CASE_BUREAU} AS bureau FROM ip_case c WHERE c.id = $1 AND (${scope.sql})`, [id, ...scope.values]);
  if (!c) throw new AppError('not_found', { resource: 'case' });
  return c.bureau;
}

/**
 * Whether the caller may act on a case it sees: a receiving agency only on a case its organisation holds now (one that
 * came back from it is read only, even if it later goes to another organisation of the same kind).
 */
export function holdsCase(caller: Caller, c: { transferredTo: string | null }): boolean {
  return !isAgency(caller.role) || (caller.organizationId !== null && c.transferredTo === caller.organizationId);
}
