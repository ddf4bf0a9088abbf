import type { Caller } from '@lyg/auth';
import { AuditEntry } from '@lyg/database';
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
}

/** A case's audit entries as far as the caller may see them: staff see all; parties and agencies not the internal work. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly ds: DataSource,
    private readonly cases: CasesService,
  ) {}

  async history(caller: Caller, id: string, limit = 100, after = '0'): Promise<{ items: HistoryItem[]; nextCursor: string | null }> {
    await this.cases.findVisible(this.ds.manager, caller, id);
    const staff = STAFF.includes(caller.role);
    const qb = this.ds
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .where('a.case_id = :id AND a.seq > :after', { id, after })
      .orderBy('a.seq', 'ASC')
      .limit(limit + 1);
    if (!staff) qb.andWhere('a.action NOT IN (:...internal)', { internal: INTERNAL_ACTIONS });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
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
        ...(staff ? { hash: r.hash } : {}),
      })),
      nextCursor: rows.length > limit ? page[page.length - 1].seq : null,
    };
  }
}

/** Parties see decisions and reasons, not staff identities or internal routing. */
function publicDetails(d: Record<string, unknown>): Record<string, unknown> {
  const { assigneeId: _a, mediatorId: _m, transferredTo: _t, ...rest } = d;
  return rest;
}
