import type { Role } from '@lyg/domain';

/** The authenticated caller, passed first to every service method. */
export interface Caller {
  userId: string;
  role: Role;
  organizationId: string | null;
  email: string;
}

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  org: string | null;
  email: string;
}
