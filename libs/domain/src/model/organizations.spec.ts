import { ROLES } from './enums';
import { ORGANIZATION_KINDS, ROLE_ORGANIZATION_KINDS, roleFitsOrganization, rolesOfOrganization } from './organizations';

describe('which organisations hold which roles', () => {
  it('every role but the system administrator belongs to an organisation of a named kind', () => {
    for (const role of ROLES) {
      if (role === 'admin') expect(ROLE_ORGANIZATION_KINDS[role]).toEqual([]);
      else expect(ROLE_ORGANIZATION_KINDS[role].length).toBeGreaterThan(0);
    }
    expect(roleFitsOrganization('admin', null)).toBe(true);
    expect(roleFitsOrganization('examiner', null)).toBe(false);
  });

  it('every kind of organisation can hold some role', () => {
    for (const kind of ORGANIZATION_KINDS) expect(rolesOfOrganization(kind).length).toBeGreaterThan(0);
  });

  it('agencies hold their own role only; the center holds examiners and supervisors; bureaus officers and supervisors', () => {
    expect(rolesOfOrganization('police')).toEqual(['police']);
    expect(rolesOfOrganization('procuratorate')).toEqual(['procuratorate']);
    expect(rolesOfOrganization('protection_center')).toEqual(['examiner', 'supervisor']);
    expect(rolesOfOrganization('copyright_bureau')).toEqual(['supervisor', 'officer']);
    expect(roleFitsOrganization('examiner', 'enterprise')).toBe(false);
    expect(roleFitsOrganization('enterprise', 'enterprise')).toBe(true);
  });
});
