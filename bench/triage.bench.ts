// P2 (spec/quality.md): the triage engine, pure, must make >= 100,000 decisions per second on one core.
// Run: npm run bench:triage. Prints the figure, the machine and pass/fail; record it in docs/benchmarks.md.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  CONDUCTS,
  INDUSTRIES,
  REMEDIES,
  triage,
  type Channel,
  type ComplaintInput,
  type Conduct,
  type EvidenceKind,
  type IpRight,
  type IpRightType,
  type PriorCase,
  type Route,
  type TriageInput,
} from '@lyg/domain';

const BAR_DECISIONS_PER_SECOND = 100_000;
const INPUTS = 1_000;
const WARM_UP_MS = 2_000;
const MEASURE_MS = 5_000;

// A seeded generator (mulberry32): every run triages the same mix, so figures compare across runs.
let seed = 0x5eed_2026;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const chance = (p: number): boolean => random() < p;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const some = <T>(items: readonly T[], p: number): T[] => items.filter(() => chance(p));
const amount = (max: number): number | null => (chance(0.35) ? null : Math.round(random() * max));

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const uscc = (): string => Array.from({ length: 18 }, () => pick([...USCC_ALPHABET])).join('');
const LOCAL_REGIONS = ['320703', '320706', '320707', '320722', '320723', '320724'];
const OTHER_REGIONS = ['320102', '310115', '440305', '370202'];
const region = (): string => (chance(0.88) ? pick(LOCAL_REGIONS) : pick(OTHER_REGIONS));
const NAMES = ['连云港康恒医药有限公司', '连云港海信新材料有限公司', '海州区某药房', '连云区港城五金店', 'Harbor Trading Co., Ltd'];
const RIGHT_TYPES: readonly IpRightType[] = [
  'invention_patent',
  'invention_patent',
  'utility_model',
  'design_patent',
  'trademark',
  'trademark',
  'trademark',
  'copyright',
  'trade_secret',
  'plant_variety',
];
// Weighted roughly like the complaints a city center receives: mostly shops and online listings.
const CHANNEL_MIX: readonly Channel[] = [...Array<Channel>(9).fill('offline'), ...Array<Channel>(7).fill('ecommerce'), 'exhibition', 'exhibition', 'cross_border', 'cross_border'];
const CONDUCT_MIX: readonly Conduct[] = [
  ...Array<Conduct>(4).fill('sale'),
  ...Array<Conduct>(3).fill('online_listing'),
  'manufacture',
  'manufacture',
  'offer_for_sale',
  'use',
  'counterfeiting',
  'counterfeiting',
  'passing_off',
  'copying',
  'misappropriation',
  'exhibition',
  'import',
  'export',
];
const isoDate = (daysAgo: number, from: number): string => new Date(from - daysAgo * 86_400_000).toISOString().slice(0, 10);

const registered = Array.from({ length: 50 }, uscc);
const registeredEnterprises = new Set(registered);

function aRight(i: number): IpRight {
  const type = pick(RIGHT_TYPES);
  const termless = type === 'copyright' || type === 'trade_secret';
  return {
    type,
    number: termless ? null : `N${Math.floor(random() * 400)}-${i}`,
    title: '权利名称',
    holder: pick(NAMES),
    validUntil: termless ? null : chance(0.97) ? '2040-01-01' : '2020-01-01',
    niceClasses: type === 'trademark' ? [5] : null,
  };
}

function aPriorCase(respondentUscc: string | null, respondentName: string, rights: IpRight[], now: number): PriorCase {
  const terminal = chance(0.7);
  return {
    caseNumber: `LYG-IP-2025-${String(Math.floor(random() * 999_999)).padStart(6, '0')}`,
    complainantUscc: chance(0.5) ? uscc() : null,
    complainantName: pick(NAMES),
    respondentUscc: chance(0.7) ? respondentUscc : null,
    // Full-width and spaced variants of the name exercise the normalisation.
    respondentName: chance(0.5) ? respondentName : ` ${respondentName.normalize('NFKC')}\u3000`,
    rightNumbers: rights.flatMap((r) => (r.number !== null && chance(0.5) ? [r.number] : [])),
    terminal,
    outcome: terminal ? pick(['infringement_established', 'penalized', 'settled', 'withdrawn']) : null,
    closedAt: terminal ? new Date(now - Math.floor(random() * 2_500) * 86_400_000).toISOString() : null,
  };
}

function aTriageInput(): TriageInput {
  const now = Date.UTC(2025, 5, 1) + Math.floor(random() * 540) * 86_400_000;
  const complainantUscc = chance(0.3) ? pick(registered) : chance(0.9) ? uscc() : null;
  const respondentUscc = chance(0.6) ? uscc() : null;
  const respondentName = pick(NAMES);
  const ipRights = Array.from({ length: 1 + Math.floor(random() * random() * 4) }, (_, i) => aRight(i));
  const complaint: ComplaintInput = {
    language: chance(0.8) ? 'zh-CN' : 'en',
    complainant: {
      name: pick(NAMES),
      uscc: complainantUscc,
      country: chance(0.9) ? 'CN' : pick(['US', 'DE', 'JP', 'KR']),
      size: pick(['large', 'sme', 'micro', 'individual']),
      regionCode: region(),
      contactName: '王敏',
      contactEmail: 'ip@example.com',
      contactPhone: null,
    },
    respondent: {
      name: respondentName,
      uscc: respondentUscc,
      country: chance(0.95) ? 'CN' : 'VN',
      regionCode: chance(0.9) ? region() : null,
      address: null,
      onlineStoreUrl: null,
      platform: null,
      contactEmail: null,
    },
    ipRights,
    infringement: {
      conducts: [pick(CONDUCT_MIX), ...some(CONDUCTS, 0.05)],
      channel: pick(CHANNEL_MIX),
      industry: pick(INDUSTRIES),
      regionCode: region(),
      firstKnownAt: isoDate(Math.floor(random() * random() * 1_400), now),
      description: '被投诉人销售侵权产品，详见证据。',
      estimatedTurnoverCny: amount(300_000),
      estimatedGainsCny: amount(150_000),
      estimatedLossCny: amount(600_000),
      priorWarningSent: chance(0.3),
      urls: [],
    },
    requestedRemedies: [pick(REMEDIES), ...some(REMEDIES, 0.2)],
  };
  const evidenceKinds: EvidenceKind[] = [];
  if (chance(0.93)) evidenceKinds.push('right_certificate');
  if (chance(0.93)) evidenceKinds.push(pick(['infringement_evidence', 'purchase_record', 'screenshot', 'notarial_certificate']));
  const agent = chance(0.2);
  if (agent && chance(0.8)) evidenceKinds.push('authorization_letter');
  const historyLength = chance(0.6) ? 0 : 1 + Math.floor(random() * 3);
  return {
    complaint,
    evidenceKinds,
    filingOrganization: { uscc: agent ? uscc() : complainantUscc },
    registeredEnterprises,
    respondentHistory: Array.from({ length: historyLength }, () => aPriorCase(respondentUscc, respondentName, ipRights, now)),
    // The API hands over Dates from the database; previews send ISO strings.
    submittedAt: chance(0.5) ? new Date(now + 9 * 3_600_000) : new Date(now + 9 * 3_600_000).toISOString(),
  };
}

const inputs = Array.from({ length: INPUTS }, aTriageInput);

function runFor(ms: number): { decisions: number; elapsedMs: number; checksum: number } {
  let decisions = 0;
  let checksum = 0;
  const start = performance.now();
  let elapsedMs: number;
  do {
    for (const input of inputs) checksum += triage(input).priority;
    decisions += inputs.length;
    elapsedMs = performance.now() - start;
  } while (elapsedMs < ms);
  return { decisions, elapsedMs, checksum };
}

const routes = new Map<Route, number>();
for (const input of inputs) {
  const route = triage(input).recommendedRoute;
  routes.set(route, (routes.get(route) ?? 0) + 1);
}

runFor(WARM_UP_MS);
const { decisions, elapsedMs, checksum } = runFor(MEASURE_MS);
const perSecond = Math.round((decisions / elapsedMs) * 1000);
const pass = perSecond >= BAR_DECISIONS_PER_SECOND;

console.log('P2 — triage engine (pure), one thread');
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores), ${os.platform()} ${os.release()}`);
console.log(`node:    ${process.version}`);
console.log(`mix:     ${INPUTS} complaints (${[...routes].map(([r, n]) => `${r} ${n}`).join(', ')})`);
console.log(`run:     ${decisions.toLocaleString('en')} decisions in ${(elapsedMs / 1000).toFixed(2)} s (checksum ${checksum})`);
console.log(`result:  ${perSecond.toLocaleString('en')} decisions/s, ${((elapsedMs * 1e6) / decisions).toFixed(0)} ns/decision`);
console.log(`bar:     >= ${BAR_DECISIONS_PER_SECOND.toLocaleString('en')} decisions/s — ${pass ? 'PASS' : 'FAIL'}`);
if (!pass) process.exitCode = 1;
