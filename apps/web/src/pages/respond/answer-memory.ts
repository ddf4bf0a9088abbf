// What this browser remembers of an answer link, so that a second visit can say why the link no longer opens: the
// API answers 404 alike for an unknown, used or expired link (a holder of a dead link learns nothing from it), but
// the respondent who answered here, or saw the deadline here, deserves a clear page. Kept under the link token's
// SHA-256, never the token itself.
import type { AnswerResult } from '../../api/types';
import { sha256OfText } from '../../lib/sha256';

export interface LinkMemory {
  caseNumber: string | null;
  /** The answer deadline seen on the summary (ISO instant). */
  dueAt: string | null;
  /** The receipt of an answer sent from this browser. */
  answer: AnswerResult | null;
}

const PREFIX = 'lyg.respond.';

async function keyOf(token: string): Promise<string | null> {
  const digest = await sha256OfText(token);
  return digest && PREFIX + digest;
}

export async function recall(token: string): Promise<LinkMemory | null> {
  const key = await keyOf(token);
  if (!key) return null;
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') as LinkMemory | null;
  } catch {
    return null;
  }
}

export async function remember(token: string, patch: Partial<LinkMemory>): Promise<void> {
  const key = await keyOf(token);
  if (!key) return;
  const before = (await recall(token)) ?? { caseNumber: null, dueAt: null, answer: null };
  try {
    localStorage.setItem(key, JSON.stringify({ ...before, ...patch }));
  } catch {
    // private mode or full storage: the page works, only a later visit will say less
  }
}
