import type { Role } from '@lyg/domain';

/** The authenticated caller, passed first to every service method. */
export interface Caller {
  userId: string;
  role: Role;
  organizationId: string | null;
  email: string;
  /** Signed in with a one-time password: only choosing a new password is open (AuthGuard). */
  passwordChangeRequired?: boolean;
  /** The token's `ver`: a password change must still find it current when it writes (a reset may have raced it). */
  tokenVersion?: number;
  /** When the session began (the password was given), seconds since the epoch: refreshed tokens keep it. */
  authTime?: number;
}

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  org: string | null;
  email: string;
  /** The account's token version when the token was issued (`user_account.token_version`; absent means 0). */
  ver?: number;
  /** When the password was given (seconds since the epoch); a refreshed token carries its session's. Absent: `iat`. */
  auth?: number;
  iat?: number;
}
