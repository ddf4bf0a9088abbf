import { RespondentToken } from '@lyg/database';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EffectScope } from './effect-runner';

/** 32 random bytes, base64url: 43 characters. */
export const RESPONDENT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const hashRespondentToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new single-use token for the case, valid until `expiresAt`; only its SHA-256 is stored. Returns the token. */
export async function issueRespondentToken(m: EntityManager, caseId: string, expiresAt: Date, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await m.insert(RespondentToken, { id: randomUUID(), caseId, tokenHash: hashRespondentToken(token), expiresAt, usedAt: null, createdAt: now });
  return token;
}

/**
 * The link of the respondent's notice (`${publicUrl}/respond/<token>`), issued in the command's transaction and
 * expiring with the answer period; none when the respondent has no known e-mail address (the notice is not sent).
 */
export async function respondentAnswerLink(scope: EffectScope, due: { dueAt: string } | undefined): Promise<string | undefined> {
  if (!scope.caseRow.complaint.respondent.contactEmail || !due) return undefined;
  const token = await issueRespondentToken(scope.m, scope.caseRow.id, new Date(due.dueAt), scope.now);
  return `${scope.publicUrl}/respond/${token}`;
}
