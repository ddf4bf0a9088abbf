import type { Role } from '@lyg/domain/model';

/** Where each role starts. */
export function homeOf(role: Role): string {
  switch (role) {
    case 'enterprise':
      return '/portal';
    case 'supervisor':
      return '/dashboard';
    case 'admin':
      return '/admin';
    case 'police':
    case 'court':
    case 'customs':
    case 'procuratorate':
      return '/inbox';
    default:
      return '/work';
  }
}

export const AGENCY_ROLES: readonly Role[] = ['police', 'court', 'customs', 'procuratorate'];

/** A case's page for a role: the links in notices name `/cases/:id`, each role reads it where it works. */
export function casePathOf(role: Role, id: string): string {
  if (role === 'enterprise') return `/portal/cases/${id}`;
  if (AGENCY_ROLES.includes(role)) return `/inbox/cases/${id}`;
  return `/work/cases/${id}`;
}

/**
 * Where to go after signing in when a link was opened signed out (kept for this tab only). Only a path of this
 * site: never `//host` or a URL.
 */
const NEXT_KEY = 'lyg.next';
export function rememberTarget(pathAndSearch: string): void {
  if (/^\/(?!\/)[^\s]*$/.test(pathAndSearch) && pathAndSearch !== '/' && !pathAndSearch.startsWith('/login')) sessionStorage.setItem(NEXT_KEY, pathAndSearch);
}
export function takeTarget(): string | null {
  const next = sessionStorage.getItem(NEXT_KEY);
  sessionStorage.removeItem(NEXT_KEY);
  return next;
}
