import type { Industry, Role } from '@lyg/domain';
import type { OrganizationKind } from '@lyg/database';

export const DEMO_PASSWORD = 'demo-pass-2026';

export interface DemoOrganization {
  key: string;
  name: string;
  kind: OrganizationKind;
  uscc: string | null;
  regionCode: string | null;
}

/** The demo organisations and accounts of contract.md ("Demo data"). */
export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { key: 'kangheng', name: '连云港康恒医药有限公司', kind: 'enterprise', uscc: '91320706MA1XK7H21A', regionCode: '320706' },
  { key: 'haixin', name: '连云港海信新材料有限公司', kind: 'enterprise', uscc: '91320703MA20QW5L3D', regionCode: '320703' },
  { key: 'zhixin', name: '连云港知信专利代理事务所', kind: 'enterprise', uscc: '91320706MA1YT3C88M', regionCode: '320706' },
  { key: 'center', name: '中国(连云港)知识产权保护中心', kind: 'protection_center', uscc: null, regionCode: '320700' },
  { key: 'mediation', name: '连云港市知识产权纠纷人民调解委员会', kind: 'mediation_committee', uscc: null, regionCode: '320700' },
  { key: 'samr', name: '连云港市市场监督管理局(知识产权局)', kind: 'market_regulation', uscc: null, regionCode: '320700' },
  { key: 'police', name: '连云港市公安局', kind: 'police', uscc: null, regionCode: '320700' },
  { key: 'court', name: '连云港市中级人民法院', kind: 'court', uscc: null, regionCode: '320700' },
  { key: 'customs', name: '连云港海关', kind: 'customs', uscc: null, regionCode: '320700' },
];

export const DEMO_USERS: { email: string; role: Role; org: string | null; displayName: string }[] = [
  { email: 'enterprise@demo.example', role: 'enterprise', org: 'kangheng', displayName: '王敏' },
  { email: 'enterprise2@demo.example', role: 'enterprise', org: 'haixin', displayName: '李娜' },
  { email: 'agent@demo.example', role: 'enterprise', org: 'zhixin', displayName: '张伟（专利代理师）' },
  { email: 'examiner@demo.example', role: 'examiner', org: 'center', displayName: '陈审查员' },
  { email: 'supervisor@demo.example', role: 'supervisor', org: 'center', displayName: '刘主任' },
  { email: 'mediator@demo.example', role: 'mediator', org: 'mediation', displayName: '赵调解员' },
  { email: 'officer@demo.example', role: 'officer', org: 'samr', displayName: '孙执法员' },
  { email: 'police@demo.example', role: 'police', org: 'police', displayName: '周警官' },
  { email: 'court@demo.example', role: 'court', org: 'court', displayName: '吴法官' },
  { email: 'customs@demo.example', role: 'customs', org: 'customs', displayName: '郑关员' },
  { email: 'admin@demo.example', role: 'admin', org: null, displayName: '系统管理员' },
];

export const DEMO_REGISTERED_ENTERPRISES: { uscc: string; name: string; industries: Industry[] }[] = [
  { uscc: '91320706MA1XK7H21A', name: '连云港康恒医药有限公司', industries: ['new_medicine'] },
];
