import { canonicalJson, sha256Hex } from '@lyg/audit';
import type { Caller } from '@lyg/auth';
import { deferWrite, IdempotencyRecord } from '@lyg/database';
import { AppError } from '@lyg/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface Outcome<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** A key as the header may carry it: 1–200 visible ASCII characters (422 otherwise). */
export function checkIdempotencyKey(key: string): void {
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw AppError.validation([{ field: 'Idempotency-Key', code: 'invalid' }]);
}

/** What a key is bound to: the route and the request, so that the same key with another request is refused. */
export const idempotencyRequestHash = (scope: string, request: unknown): string => sha256Hex(scope + '\n' + canonicalJson(request));

/**
 * `Idempotency-Key` on creating POSTs (contract.md) and on workflow commands. The key row is inserted first in the same transaction as the
 * creation, so a second request with the same key waits on the first one's row lock and then replays its committed
 * response: two concurrent retries create one thing. A failed request leaves no key behind and may be retried.
 */
/** What a transaction with a key does with it: claim it first, record its answer last. */
export interface Keyed<T> {
  claim(m: EntityManager): Promise<void>;
  answer(m: EntityManager, r: { status: number; body: T }): Promise<void>;
}

@Injectable()
export class IdempotencyService {
  constructor(private readonly ds: DataSource) {}

  async run<T>(
    /** Whose key it is: an account, or (for the respondent's answer link) the link. */
    caller: Pick<Caller, 'userId'>,
    key: string | undefined,
    scope: string,
    request: unknown,
    work: (m: EntityManager) => Promise<{ status: number; body: T }>,
    /** `work` writes with one statement: without a key it runs outside a transaction. */
    singleStatement = false,
  ): Promise<Outcome<T>> {
    if (key === undefined) {
      // A creation of one row needs no transaction around it: its single INSERT is atomic (one round trip, not three).
      const r = singleStatement ? await work(this.ds.manager) : await this.ds.transaction(work);
      return { ...r, replayed: false };
    }
    return this.once<T>(caller, key, scope, request, (keyed) =>
      this.ds.transaction(async (m) => {
        await keyed.claim(m);
        const r = await work(m);
        await keyed.answer(m, r);
        return r;
      }),
    );
  }

  /**
   * The key's part of any transaction: `attempt` opens its own (a plain one, or the workflow's audited one) and calls
   * `claim` as its first write and `answer` with what it answers. A request whose key another holds waits for that one
   * to commit and then replays its answer; the same key with another request is 422.
   */
  async once<T>(
    /** Whose key it is: an account, or (for the respondent's answer link) the link. */
    caller: Pick<Caller, 'userId'>,
    key: string,
    scope: string,
    request: unknown,
    attempt: (keyed: Keyed<T>) => Promise<{ status: number; body: T }>,
  ): Promise<Outcome<T>> {
    checkIdempotencyKey(key);
    const requestHash = idempotencyRequestHash(scope, request);
    const keyed: Keyed<T> = {
      claim: async (m: EntityManager) => {
        const inserted: unknown[] = await m.query(
          `INSERT INTO idempotency_record (user_id, key, scope, request_hash, status_code, body)
           VALUES ($1, $2, $3, $4, 0, 'null') ON CONFLICT DO NOTHING RETURNING key`,
          [caller.userId, key, scope, requestHash],
        );
        if (!inserted.length) throw new KeyTaken();
      },
      // Held back to leave with the transaction's next statement (its COMMIT, or the audit appends before it).
      answer: (m: EntityManager, r: { status: number; body: T }) =>
        deferWrite(m, 'UPDATE idempotency_record SET status_code = $3, body = $4 WHERE user_id = $1 AND key = $2', [caller.userId, key, r.status, JSON.stringify(r.body ?? null)]),
    };
    for (let i = 0; i < 3; i++) {
      try {
        return { ...(await attempt(keyed)), replayed: false };
      } catch (e) {
        if (!(e instanceof KeyTaken)) throw e;
      }
      const prior = await this.ds.getRepository(IdempotencyRecord).findOne({ where: { userId: caller.userId, key } });
      if (!prior) continue; // the first request rolled back after we looked: try to be the first one now
      if (prior.requestHash !== requestHash) throw new AppError('idempotency_key_reused');
      return { status: prior.statusCode, body: prior.body as T, replayed: true };
    }
    throw new AppError('idempotency_in_progress');
  }
}

/** The request's key is another request's: its transaction is given up and that request's answer read. */
class KeyTaken extends Error {}
