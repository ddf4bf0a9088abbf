import type { OutboxStatus } from '@lyg/database';
import type { Language } from '@lyg/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryResult } from 'typeorm';

/** The channel a writer may `NOTIFY` after enqueuing mail, so that a listening worker sends it at once. */
export const OUTBOX_CHANNEL = 'outbox';

/** A message claimed for one attempt: the lease is ours until it runs out or we record the attempt. */
export interface ClaimedMessage {
  id: string;
  caseId: string | null;
  template: string;
  recipient: string;
  language: Language;
  data: Record<string, unknown>;
  messageId: string;
  /** Attempts including this one; the claim's fingerprint, since a re-claim after a lapsed lease increments it. */
  attempts: number;
}

export interface OutboxRow extends ClaimedMessage {
  status: OutboxStatus;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

export interface OutboxPageQuery {
  status?: OutboxStatus;
  caseId?: string;
  recipient?: string;
  limit: number;
  cursor?: { createdAt: string; id: string };
}

const COLUMNS = `id, case_id AS "caseId", template, recipient, language, data, message_id AS "messageId", attempts,
  status, next_attempt_at AS "nextAttemptAt", last_error AS "lastError", sent_at AS "sentAt", created_at AS "createdAt",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtKey"`;

/** Keeps microseconds, which a JavaScript Date would drop and so skip or repeat rows across pages. */
export type OutboxListRow = OutboxRow & { createdAtKey: string };

async function run(m: EntityManager, sql: string, params: unknown[]): Promise<QueryResult> {
  const qr = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    return await qr.query(sql, params, true);
  } finally {
    if (!m.queryRunner) await qr.release();
  }
}

/**
 * The transactional outbox as the worker and the admins see it. Writers insert rows in the transaction of the change
 * they report (libs/workflow); everything here runs outside such transactions.
 */
@Injectable()
export class OutboxRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Claims up to `limit` due messages for one attempt each, in one short statement: the rows are pushed `leaseMs`
   * into the future and their attempt counted, so no other worker picks them up while we send (SKIP LOCKED lets
   * concurrent claimers take disjoint rows instead of waiting). A worker that dies mid-send leaves the row to be
   * claimed again when the lease runs out: at least once, with the same Message-ID.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
    const res = await run(
      this.ds.manager,
      `UPDATE outbox_message o
          SET attempts = o.attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'
         FROM (SELECT id FROM outbox_message
                WHERE status = 'pending' AND next_attempt_at <= now()
                ORDER BY next_attempt_at
                LIMIT $1
                FOR UPDATE SKIP LOCKED) due
        WHERE o.id = due.id
    RETURNING o.id, o.case_id AS "caseId", o.template, o.recipient, o.language, o.data, o.message_id AS "messageId", o.attempts`,
      [limit, leaseMs],
    );
    return res.records as ClaimedMessage[];
  }

  /**
   * Sent is the truth once the SMTP server took the message, whoever holds the lease now. A respondent's answer link
   * carries its token in clear (the database keeps only the token's hash): once sent, the row keeps no copy of it.
   */
  async markSent(id: string): Promise<void> {
    await run(
      this.ds.manager,
      `UPDATE outbox_message SET status = 'sent', sent_at = now(), last_error = NULL,
              data = CASE WHEN data->>'link' LIKE '%/respond/%' THEN data - 'link' ELSE data END
        WHERE id = $1 AND status = 'pending'`,
      [id],
    );
  }

  /**
   * A try that failed, of our own claim only: dead (`retryInMs` null) or due again after `retryInMs`. `refund`: the
   * attempt is given back, for a failure that says nothing about the message (the server could not be reached).
   */
  async markFailed(claim: Pick<ClaimedMessage, 'id' | 'attempts'>, error: string, retryInMs: number | null, refund = false): Promise<void> {
    await run(
      this.ds.manager,
      `UPDATE outbox_message
          SET last_error = $3,
              attempts = attempts - CASE WHEN $5::boolean THEN 1 ELSE 0 END,
              status = CASE WHEN $4::bigint IS NULL THEN 'dead' ELSE 'pending' END,
              next_attempt_at = CASE WHEN $4::bigint IS NULL THEN next_attempt_at ELSE now() + $4::bigint * interval '1 millisecond' END
        WHERE id = $1 AND status = 'pending' AND attempts = $2`,
      [claim.id, claim.attempts, error.slice(0, 2000), retryInMs, refund],
    );
  }

  /** Gives back a claim that was not tried (the lease ran short), without counting the attempt. */
  async release(claim: Pick<ClaimedMessage, 'id' | 'attempts'>): Promise<void> {
    await run(
      this.ds.manager,
      `UPDATE outbox_message SET attempts = attempts - 1, next_attempt_at = now() WHERE id = $1 AND status = 'pending' AND attempts = $2`,
      [claim.id, claim.attempts],
    );
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async page(q: OutboxPageQuery): Promise<OutboxListRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (q.status) where.push(`status = ${param(q.status)}`);
    if (q.caseId) where.push(`case_id = ${param(q.caseId)}`);
    if (q.recipient) where.push(`lower(recipient) = lower(${param(q.recipient)})`);
    if (q.cursor) where.push(`(created_at, id) < (${param(q.cursor.createdAt)}::timestamptz, ${param(q.cursor.id)}::uuid)`);
    const sql = `SELECT ${COLUMNS} FROM outbox_message ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at DESC, id DESC LIMIT ${param(q.limit)}`;
    return (await run(this.ds.manager, sql, params)).records as OutboxListRow[];
  }

  async lockForUpdate(m: EntityManager, id: string): Promise<OutboxListRow | null> {
    const res = await run(m, `SELECT ${COLUMNS} FROM outbox_message WHERE id = $1 FOR UPDATE`, [id]);
    return (res.records[0] as OutboxListRow | undefined) ?? null;
  }

  /**
   * Puts a message back in the queue as if new, with its Message-ID unchanged so that a receiver who did get it
   * recognises the copy; the worker is woken at commit.
   */
  async requeue(m: EntityManager, id: string): Promise<OutboxListRow> {
    const res = await run(
      m,
      `UPDATE outbox_message SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, sent_at = NULL
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    await run(m, `SELECT pg_notify($1, $2)`, [OUTBOX_CHANNEL, id]);
    return res.records[0] as OutboxListRow;
  }
}
