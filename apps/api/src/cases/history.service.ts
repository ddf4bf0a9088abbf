import type { Caller } from '@lyg/auth';
import { AuditEntry } from '@lyg/database';
import { AGENCY_ROLES, NAMED_DETAIL_KEYS, type Role } from '@lyg/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CasesService } from './cases.service';

const INTERNAL_ACTIONS = ['claim', 'release', 'reassign'];
const STAFF = ['examiner', 'supervisor', 'mediator', 'officer', 'admin'];

export interface HistoryItem {
  seq: string;
  at: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  actorRole: string;
  principles: string[];
  details: Record<string, unknown>;
  hash?: string;
  /** Staff only: the names of the accounts and organisations the details name by id (who was given it, where it went). */
  names?: Record<string, string>;
}

const idsIn = (d: Record<string, unknown>): string[] =>
  NAMED_DETAIL_KEYS.flatMap((k) => {
    const v = d[k];
    return typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  });

/**
 * A case's audit entries as far as the caller may see them: staff see all; parties and agencies not the internal
 * work; a receiving agency sees entries about evidence (added, shared, downloaded, …) only for the evidence shared
 * with its organisation (contract.md, "Visibility"), so an unshared file's name, size and SHA-256 stay hidden.
 */
@Injectable()
export class HistoryService {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesService,
  ) {}

  async history(caller: Caller, id: string, limit = 20, after = '0'): Promise<{ items: HistoryItem[]; nextCursor: string | null }> {
    await this.cases.findVisible(this.ds.manager, caller, id);
    const staff = STAFF.includes(caller.role);
    const qb = this.ds
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .where('a.case_id = :id AND a.seq > :after', { id, after })
      .orderBy('a.seq', 'ASC')
      .limit(limit + 1);
    if (!staff) qb.andWhere('a.action NOT IN (:...internal)', { internal: INTERNAL_ACTIONS });
    if ((AGENCY_ROLES as readonly Role[]).includes(caller.role)) {
      qb.andWhere(
        "(a.details::jsonb->>'evidenceId' IS NULL OR a.details::jsonb->>'evidenceId' IN (SELECT e.id::text FROM evidence e WHERE e.case_id = :id AND :org = ANY(e.shared_with)))",
        { org: caller.organizationId },
      );
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const names = staff ? await this.namesOf([...new Set(page.flatMap((r) => idsIn(r.details)))]) : new Map<string, string>();
    return {
      items: page.map((r) => ({
        seq: r.seq,
        at: r.at.toISOString(),
        action: r.action,
        fromState: r.fromState,
        toState: r.toState,
        actorRole: r.actorRole,
        principles: r.principles,
        details: staff ? r.details : publicDetails(r.details),
        ...(staff ? { hash: r.hash, names: Object.fromEntries(idsIn(r.details).flatMap((i) => (names.has(i) ? [[i, names.get(i)!]] : []))) } : {}),
      })),
      nextCursor: rows.length > limit ? page[page.length - 1].seq : null,
    };
  }

  /** Display names of accounts and organisations by id, in one statement. */
  private async namesOf(ids: string[]): Promise<Map<string, string>> {
    const uuids = ids.filter((i) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(i));
    if (!uuids.length) return new Map();
    const rows: { id: string; name: string }[] = await this.ds.query(
      `SELECT id::text, display_name AS name FROM user_account WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, name FROM "organization" WHERE id = ANY($1::uuid[])`,
      [uuids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

/**
 * Parties see decisions and reasons, not staff identities, internal routing, where evidence is stored, with whom
 * else it is shared, or the id of another party's case whose closure caused a re-triage (its number, as triage's
 * own reasons give it, stays).
 */
function publicDetails(d: Record<string, unknown>): Record<string, unknown> {
  const { assigneeId: _a, mediatorId: _m, releasedAssigneeId: _r, transferredTo: _t, objectKey: _k, versionId: _v, organizationIds: _o, previous: _p, causeCaseId: _c, ...rest } = d;
  return rest;
}
