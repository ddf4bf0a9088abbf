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
