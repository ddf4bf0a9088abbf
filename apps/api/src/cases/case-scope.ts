import type { Caller } from '@lyg/auth';
import { AGENCY_ROLES, BUREAU_ROUTES, ENFORCEMENT_AGENCIES, type Role } from '@lyg/domain';
import { servingBureauSql } from '@lyg/workflow';

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
/** `enforcementBureauOf` in SQL, for a case on a bureau's route (the same three sources in the same order), as served. */
const CASE_BUREAU = servingBureauSql(
  `coalesce(${bureauOr('c.competent_agency')}, ${bureauOr("(c.snapshot->'context'->'triage'->>'enforcementAgency')")}, ${bureauOr("(c.snapshot->'context'->'triage'->>'competentAgency')")})`,
);

/**
 * Which cases a caller may see (contract.md, "Visibility"), as a WHERE fragment on alias `c`. Every case query goes
 * through it; a case outside the scope is reported as not found (404), never as forbidden.
 */
export function caseScope(caller: Caller): SqlFragment {
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
        sql: `c.state <> 'draft' AND (${ORG_KIND} = 'protection_center' OR c.assignee_id = :scopeUser
               OR (c.route IN (${BUREAU_ROUTE_LIST}) AND ${CASE_BUREAU} = ${ORG_KIND}))`,
        params: p,
      };
    case 'mediator':
      return { sql: "(c.route = 'mediation' OR c.assignee_id = :scopeUser)", params: p };
    case 'officer':
      // Their own bureau's cases (a copyright case is the copyright bureau's): its enforcement and the police transfers
      // its officers follow up (their queue, queueRolesOf), and any case given to them.
      return {
        sql: `(c.assignee_id = :scopeUser OR (c.route IN (${BUREAU_ROUTE_LIST}) AND ${CASE_BUREAU} = ${ORG_KIND}))`,
        params: p,
      };
    default:
      if (isAgency(caller.role)) return { sql: 'c.transferred_to = :scopeOrg', params: p };
      return { sql: 'false', params: p };
  }
}

/**
 * `caseScope` for a statement with positional parameters: its `:name`s become `$next`, `$next + 1`, … in the order
 * they first appear, with only the values it uses (PostgreSQL cannot type a parameter no clause uses).
 */
export function positionalCaseScope(caller: Caller, next: number): { sql: string; values: unknown[] } {
  const { sql, params } = caseScope(caller);
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
