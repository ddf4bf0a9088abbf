import { appendAudit } from '@lyg/audit';
import type { Caller } from '@lyg/auth';
import type { OutboxStatus } from '@lyg/database';
import { AppError, type Language } from '@lyg/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isNoticeTemplate, renderNotice } from '../templates';
import { type OutboxListRow, OutboxRepository } from './outbox-repository';

export interface OutboxListQuery {
  status?: OutboxStatus;
  caseId?: string;
  recipient?: string;
  limit?: number;
  cursor?: string;
}

/** An outbox message as admins see it: what it is, to whom, and how its delivery went. */
export interface OutboxItem {
  id: string;
  caseId: string | null;
  template: string;
  subject: string | null;
  recipient: string;
  language: Language;
  messageId: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const encodeCursor = (r: OutboxListRow) => Buffer.from(JSON.stringify([r.createdAtKey, r.id])).toString('base64url');

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) && typeof id === 'string' && UUID.test(id)) {
      return { createdAt, id };
    }
  } catch {
    // falls through to the validation error
  }
  throw AppError.validation([{ field: 'cursor', code: 'invalid' }]);
}

function toItem(r: OutboxListRow): OutboxItem {
  return {
    id: r.id,
    caseId: r.caseId,
    template: r.template,
    subject: isNoticeTemplate(r.template) ? renderNotice(r.template, r.language, r.data).subject : null,
    recipient: r.recipient,
    language: r.language,
    messageId: r.messageId,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    lastError: r.lastError,
    sentAt: r.sentAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** What admins do with the outbox: watch deliveries and dead letters, and send a message again. */
@Injectable()
export class OutboxAdminService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxRepository,
  ) {}

  async list(_caller: Caller, q: OutboxListQuery): Promise<{ items: OutboxItem[]; nextCursor: string | null }> {
    const limit = q.limit ?? 20;
    const rows = await this.outbox.page({
      status: q.status,
      caseId: q.caseId,
      recipient: q.recipient,
      limit: limit + 1,
      cursor: q.cursor === undefined ? undefined : decodeCursor(q.cursor),
    });
    const page = rows.slice(0, limit);
    return { items: page.map(toItem), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
  }

  /**
   * A dead message (or a sent one that did not arrive) goes back to the queue with a fresh set of attempts. A pending
   * one is refused: it may be in a worker's hands right now, and resetting its lease would let a second worker send it
   * at the same time.
   */
  async resend(caller: Caller, id: string, requestId: string | null = null): Promise<OutboxItem> {
    if (!UUID.test(id)) throw new AppError('not_found', { resource: 'outbox message' });
    const row = await this.ds.transaction(async (m) => {
      const current = await this.outbox.lockForUpdate(m, id);
      if (!current) throw new AppError('not_found', { resource: 'outbox message' });
      if (current.status === 'pending') throw new AppError('not_allowed_in_state', { state: 'pending', action: 'resend' });
      const requeued = await this.outbox.requeue(m, id);
      await appendAudit(m, {
        caseId: current.caseId,
        actorId: caller.userId,
        actorRole: caller.role,
        organizationId: caller.organizationId,
        action: 'outbox_message_resent',
        fromState: null,
        toState: null,
        payload: { id },
        details: {
          outboxMessageId: id,
          messageId: current.messageId,
          template: current.template,
          previousStatus: current.status,
          previousAttempts: current.attempts,
        },
        requestId,
        principles: ['broad'],
      });
      return requeued;
    });
    return toItem(row);
  }
}
