import type { Role } from './enums';
import type { LocalizedText } from './triage-result';

/** The kinds of organisation that hold accounts: enterprises, the center, and the bodies it routes cases to. */
export const ORGANIZATION_KINDS = [
  'enterprise',
  'protection_center',
  'mediation_committee',
  'market_regulation',
  'copyright_bureau',
  'agriculture_bureau',
  'police',
  'court',
  'customs',
  'procuratorate',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

const ENFORCEMENT_BUREAUS = ['market_regulation', 'copyright_bureau', 'agriculture_bureau'] as const satisfies readonly OrganizationKind[];

/**
 * The organisations an account of each role belongs to (product.md, "Who uses it"). Supervisors are the heads of
 * the center or of an enforcement bureau; officers serve in one of the three bureaus (市场监管局/知识产权局, 版权局,
 * 农业农村局); system administrators belong to no organisation.
 */
export const ROLE_ORGANIZATION_KINDS: Record<Role, readonly OrganizationKind[]> = {
  enterprise: ['enterprise'],
  examiner: ['protection_center'],
  supervisor: ['protection_center', ...ENFORCEMENT_BUREAUS],
  mediator: ['mediation_committee'],
  officer: ENFORCEMENT_BUREAUS,
  police: ['police'],
  court: ['court'],
  customs: ['customs'],
  procuratorate: ['procuratorate'],
  admin: [],
};

/** Whether an account of `role` may belong to an organisation of `kind` (null: no organisation). */
export function roleFitsOrganization(role: Role, kind: OrganizationKind | null): boolean {
  const kinds = ROLE_ORGANIZATION_KINDS[role];
  return kind === null ? kinds.length === 0 : kinds.includes(kind);
}

/** The roles whose accounts an organisation of `kind` may hold. */
export function rolesOfOrganization(kind: OrganizationKind): Role[] {
  return (Object.keys(ROLE_ORGANIZATION_KINDS) as Role[]).filter((r) => ROLE_ORGANIZATION_KINDS[r].includes(kind));
}

/** The kinds' names, for the admin pages and for messages that name a kind. */
export const ORGANIZATION_KIND_LABELS: Readonly<Record<OrganizationKind, LocalizedText>> = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  protection_center: { zh: '知识产权保护中心', en: 'IP protection center' },
  mediation_committee: { zh: '人民调解委员会', en: "People's mediation committee" },
  market_regulation: { zh: '市场监督管理局（知识产权局）', en: 'Market regulation (IP) bureau' },
  copyright_bureau: { zh: '版权局', en: 'Copyright bureau' },
  agriculture_bureau: { zh: '农业农村局', en: 'Agriculture bureau' },
  police: { zh: '公安机关', en: 'Police' },
  court: { zh: '人民法院', en: 'Court' },
  customs: { zh: '海关', en: 'Customs' },
  procuratorate: { zh: '人民检察院', en: 'Procuratorate' },
};
