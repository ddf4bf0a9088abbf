import type { Role } from '../model';

/**
 * Senders that have no account: the worker that fires deadline rows and records triage (`system`), and the
 * respondent, who answers through a token link (product.md: "no account needed").
 */
export const NON_ACCOUNT_ROLES = ['system', 'respondent'] as const;
export type NonAccountRole = (typeof NON_ACCOUNT_ROLES)[number];
export type ActorRole = Role | NonAccountRole;

/** Who sends an event. Organisation scoping (404 for another organisation's case) is the API's job, before this. */
export interface CaseActor {
  role: ActorRole;
  /** Null for `system` and `respondent`. */
  userId: string | null;
  /** Null for accounts outside any organisation (admin), `system` and `respondent`. */
  organizationId: string | null;
}
