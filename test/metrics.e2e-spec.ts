import { appendAudit } from '@lyg/audit';
import { randomUUID } from 'node:crypto';
import { type Scratch, scratchDatabase } from './audit-scratch';
import { createOrg, createUser, startTestApp, type TestApp, type TestUser } from './support/test-app';

/** An instant in Asia/Shanghai: `sh('2025-03-03 10:00')`. */
const sh = (s: string) => `${s.replace(' ', 'T')}:00+08:00`;
const HOUR = 3_600_000;

interface SeedCase {
  name: string;
  country: string;
  size: 'large' | 'sme' | 'micro' | 'individual';
  submitted: string;
  closed?: string;
  state: string;
  route?: string;
  agency?: string;
  outcome?: string;
  flags: string[];
  priority: number;
  /** [when, action, from, to] */
  events: [string, string, string, string][];
  deadlines: { stage: string; started: string; due: string; status: string; closed?: string; onExpiry?: string }[];
}

/**
 * A hand-made set of cases submitted in March 2025 (plus one just before and one just after, which the period must
 * leave out), on a database of their own so that every figure below is exact. March 2025 has no holidays:
 * working days are Monday to Friday (3–7, 10–14, 17–21, 24–28, 31).
 */
const CASES: SeedCase[] = [
  // June 2025, outside March: the complainant corrected the complaint for 8 of its 12 working days (handling below).
  {
    name: 'J', country: 'CN', size: 'sme', submitted: '2025-06-09 10:00', closed: '2025-06-25 10:00', state: 'closed', route: 'fast_track',
    agency: 'protection_center', outcome: 'infringement_established', flags: [], priority: 40,
    events: [['2025-06-09 10:00', 'submit', 'draft', 'screening'], ['2025-06-10 10:00', 'request_correction', 'screening', 'awaiting_correction'],
      ['2025-06-20 10:00', 'resubmit', 'awaiting_correction', 'screening'], ['2025-06-23 10:00', 'accept', 'screening', 'fast_track.examining'],
      ['2025-06-25 10:00', 'decide', 'fast_track.examining', 'closed']],
    deadlines: [],
  },
  {
    name: 'A', country: 'CN', size: 'sme', submitted: '2025-03-03 10:00', closed: '2025-03-12 10:00', state: 'closed', route: 'fast_track',
    agency: 'protection_center', outcome: 'infringement_established', flags: ['repeat_infringer', 'punitive_damages_candidate'], priority: 75,
    events: [['2025-03-03 10:00', 'submit', 'draft', 'screening'], ['2025-03-03 10:00', 'triage', 'screening', 'screening'],
      ['2025-03-05 10:00', 'accept', 'screening', 'fast_track.examining'], ['2025-03-12 10:00', 'decide', 'fast_track.examining', 'closed']],
    deadlines: [
      { stage: 'screening', started: '2025-03-03 10:00', due: '2025-03-11 00:00', status: 'met', closed: '2025-03-05 10:00' },
      { stage: 'fast_track.examining', started: '2025-03-05 10:00', due: '2025-04-05 00:00', status: 'met', closed: '2025-03-12 10:00' },
    ],
  },
  {
    name: 'B', country: 'CN', size: 'large', submitted: '2025-03-04 10:00', closed: '2025-03-10 10:00', state: 'closed', route: 'police_transfer_review',
    agency: 'police', outcome: 'transferred_criminal', flags: ['criminal_threshold_reached', 'punitive_damages_candidate'], priority: 80,
    events: [['2025-03-04 10:00', 'submit', 'draft', 'screening'], ['2025-03-06 10:00', 'accept', 'screening', 'police_transfer_review.awaiting_approval'],
      ['2025-03-07 10:00', 'approve_transfer', 'police_transfer_review.awaiting_approval', 'police_transfer_review.awaiting_police_decision'],
      ['2025-03-07 16:00', 'acknowledge', 'police_transfer_review.awaiting_police_decision', 'police_transfer_review.awaiting_police_decision'],
      ['2025-03-10 10:00', 'police_file_case', 'police_transfer_review.awaiting_police_decision', 'closed']],
    deadlines: [
      { stage: 'screening', started: '2025-03-04 10:00', due: '2025-03-12 00:00', status: 'met', closed: '2025-03-06 10:00' },
      { stage: 'police_transfer_review.awaiting_approval', started: '2025-03-06 10:00', due: '2025-03-10 00:00', status: 'met', closed: '2025-03-07 10:00' },
      { stage: 'police_transfer_review.package_handover', started: '2025-03-07 10:00', due: '2025-03-08 10:00', status: 'met', closed: '2025-03-07 16:00' },
      { stage: 'police_transfer_review.awaiting_police_decision', started: '2025-03-07 16:00', due: '2025-03-11 00:00', status: 'met', closed: '2025-03-10 10:00' },
    ],
  },
  {
    name: 'C', country: 'US', size: 'large', submitted: '2025-03-05 10:00', closed: '2025-03-20 10:00', state: 'closed', route: 'mediation',
    agency: 'mediation_committee', outcome: 'settled', flags: ['foreign_related'], priority: 50,
    events: [['2025-03-05 10:00', 'submit', 'draft', 'screening'], ['2025-03-10 10:00', 'accept', 'screening', 'mediation.assigning'],
      ['2025-03-11 10:00', 'assign_mediator', 'mediation.assigning', 'mediation.mediating'], ['2025-03-20 10:00', 'record_agreement', 'mediation.mediating', 'closed']],
    deadlines: [
      { stage: 'screening', started: '2025-03-05 10:00', due: '2025-03-13 00:00', status: 'met', closed: '2025-03-10 10:00' },
      { stage: 'mediation.assigning', started: '2025-03-10 10:00', due: '2025-03-14 00:00', status: 'met', closed: '2025-03-11 10:00' },
      { stage: 'mediation.mediating', started: '2025-03-11 10:00', due: '2025-05-16 00:00', status: 'met', closed: '2025-03-20 10:00' },
      { stage: 'judicial_confirmation', started: '2025-03-20 10:00', due: '2025-04-20 00:00', status: 'active', onExpiry: 'reminder' },
    ],
  },
  {
    name: 'D', country: 'JP', size: 'sme', submitted: '2025-03-06 10:00', state: 'customs_referral', route: 'customs_referral', agency: 'customs',
    flags: [], priority: 40,
    events: [['2025-03-06 10:00', 'submit', 'draft', 'screening'], ['2025-03-17 10:00', 'accept', 'screening', 'customs_referral'],
      ['2025-03-21 10:00', 'acknowledge', 'customs_referral', 'customs_referral']],
    deadlines: [
      // Breached by the worker on 03-14; a breached row stays open (closed_at null) after the case moves on.
      { stage: 'screening', started: '2025-03-06 10:00', due: '2025-03-14 00:00', status: 'breached' },
      { stage: 'customs_referral', started: '2025-03-17 10:00', due: '2025-03-21 00:00', status: 'breached', closed: '2025-03-21 10:00' },
    ],
  },
  {
    name: 'E', country: 'CN', size: 'micro', submitted: '2025-03-10 10:00', closed: '2025-03-12 10:00', state: 'not_accepted',
    flags: ['criminal_threshold_near'], priority: 50,
    events: [['2025-03-10 10:00', 'submit', 'draft', 'screening'], ['2025-03-12 10:00', 'reject', 'screening', 'not_accepted']],
    deadlines: [{ stage: 'screening', started: '2025-03-10 10:00', due: '2025-03-18 00:00', status: 'met', closed: '2025-03-12 10:00' }],
  },
  {
    name: 'F', country: 'CN', size: 'sme', submitted: '2025-03-18 10:00', state: 'screening', flags: [], priority: 40,
    events: [['2025-03-18 10:00', 'submit', 'draft', 'screening']],
    // Past due and not yet fired by the worker: a breach all the same.
    deadlines: [{ stage: 'screening', started: '2025-03-18 10:00', due: '2025-03-26 00:00', status: 'active' }],
  },
  {
    name: 'G', country: 'DE', size: 'micro', submitted: '2025-03-19 10:00', state: 'court_referral', route: 'court_referral', agency: 'court',
    flags: ['foreign_related'], priority: 45,
    events: [['2025-03-19 10:00', 'submit', 'draft', 'screening'], ['2025-03-20 10:00', 'accept', 'screening', 'court_referral']],
    deadlines: [
      { stage: 'screening', started: '2025-03-19 10:00', due: '2025-03-27 00:00', status: 'met', closed: '2025-03-20 10:00' },
      { stage: 'court_referral', started: '2025-03-20 10:00', due: '2025-03-28 00:00', status: 'active' },
    ],
  },
  // Outside the period: left out of every period figure, but X's open breach counts among the breaches open now.
  {
    name: 'X', country: 'CN', size: 'sme', submitted: '2025-02-28 10:00', state: 'screening', flags: ['repeat_infringer'], priority: 60,
    events: [['2025-02-28 10:00', 'submit', 'draft', 'screening']],
    deadlines: [{ stage: 'screening', started: '2025-02-28 10:00', due: '2025-03-08 00:00', status: 'active' }],
  },
  {
    name: 'Y', country: 'CN', size: 'large', submitted: '2025-04-01 10:00', closed: '2025-04-02 10:00', state: 'closed', route: 'fast_track',
    agency: 'protection_center', outcome: 'infringement_established', flags: ['repeat_infringer'], priority: 60,
    events: [['2025-04-01 10:00', 'submit', 'draft', 'screening'], ['2025-04-01 15:00', 'accept', 'screening', 'fast_track.examining'],
      ['2025-04-02 10:00', 'decide', 'fast_track.examining', 'closed']],
    deadlines: [{ stage: 'screening', started: '2025-04-01 10:00', due: '2025-04-09 00:00', status: 'met', closed: '2025-04-01 15:00' }],
  },
  // July 2025, a period of its own: two police transfers each declined, reconsidered, and then declined again (P) or
  // filed (Q). The police's decisions count by case, as finally made: one declined, one filed.
  {
    name: 'P', country: 'CN', size: 'sme', submitted: '2025-07-01 10:00', state: 'administrative_enforcement.filing_review', route: 'administrative_enforcement',
    agency: 'market_regulation', flags: ['criminal_threshold_reached'], priority: 80,
    events: [['2025-07-01 10:00', 'submit', 'draft', 'screening'], ['2025-07-02 10:00', 'accept', 'screening', 'police_transfer_review.awaiting_approval'],
      ['2025-07-03 10:00', 'approve_transfer', 'police_transfer_review.awaiting_approval', 'police_transfer_review.awaiting_police_decision'],
      ['2025-07-04 10:00', 'police_decline', 'police_transfer_review.awaiting_police_decision', 'police_transfer_review.declined'],
      ['2025-07-07 10:00', 'request_reconsideration', 'police_transfer_review.declined', 'police_transfer_review.awaiting_police_decision'],
      ['2025-07-08 10:00', 'police_decline', 'police_transfer_review.awaiting_police_decision', 'administrative_enforcement.filing_review']],
    deadlines: [],
  },
  {
    name: 'Q', country: 'CN', size: 'sme', submitted: '2025-07-01 11:00', closed: '2025-07-10 10:00', state: 'closed', route: 'police_transfer_review',
    agency: 'police', outcome: 'transferred_criminal', flags: ['criminal_threshold_reached'], priority: 80,
    events: [['2025-07-01 11:00', 'submit', 'draft', 'screening'], ['2025-07-02 11:00', 'accept', 'screening', 'police_transfer_review.awaiting_approval'],
      ['2025-07-03 11:00', 'approve_transfer', 'police_transfer_review.awaiting_approval', 'police_transfer_review.awaiting_police_decision'],
      ['2025-07-04 11:00', 'police_decline', 'police_transfer_review.awaiting_police_decision', 'police_transfer_review.declined'],
      ['2025-07-07 11:00', 'request_reconsideration', 'police_transfer_review.declined', 'police_transfer_review.awaiting_police_decision'],
      ['2025-07-10 10:00', 'police_file_case', 'police_transfer_review.awaiting_police_decision', 'closed']],
    deadlines: [],
  },
  // Withdrawn by the complainant during screening: closed with outcome withdrawn and no route (a period of its own).
  {
    name: 'Z', country: 'CN', size: 'sme', submitted: '2025-05-06 10:00', closed: '2025-05-07 10:00', state: 'closed', outcome: 'withdrawn',
    flags: [], priority: 40,
    events: [['2025-05-06 10:00', 'submit', 'draft', 'screening'], ['2025-05-07 10:00', 'withdraw', 'screening', 'closed']],
    deadlines: [{ stage: 'screening', started: '2025-05-06 10:00', due: '2025-05-14 00:00', status: 'cancelled', closed: '2025-05-07 10:00' }],
  },
];

describe('four-principle metrics on hand-worked cases', () => {
  let s: Scratch;
  let t: TestApp;
  let supervisor: TestUser;
  let admin: TestUser;
  let examiner: TestUser;
  const ids = new Map<string, string>();
  const get = (path: string, u: TestUser = supervisor) => t.http().get(path).set('authorization', `Bearer ${u.token}`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document, checked field by field below
  let report: Record<string, any>;

  beforeAll(async () => {
    s = await scratchDatabase('lyg_metrics');
    t = await startTestApp({ DATABASE_URL: s.url, S3_BUCKET: s.bucket, EQUAL_RATIO_ALERT: '1.5', EQUAL_MIN_GROUP: '1' });
    const center = await createOrg(t.ds, 'protection_center');
    supervisor = await createUser(t, 'supervisor', center.id, 'zh-CN', { login: false });
    examiner = await createUser(t, 'examiner', center.id, 'zh-CN', { login: false });
    admin = await createUser(t, 'admin', null, 'zh-CN', { login: false });
    const enterprise = await createOrg(t.ds, 'enterprise');
    for (const c of CASES) {
      const id = randomUUID();
      ids.set(c.name, id);
      await s.su.query(
        `INSERT INTO ip_case (id, case_number, organization_id, created_by, state, outcome, route, competent_agency, flags, priority, complaint, snapshot,
           respondent_key, respondent_name_key, complainant_name, respondent_name, version, submitted_at, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '{}', $12, $12, $13, $12, 1, $14, $15)`,
        [id, `LYG-IP-2025-9${String(ids.size).padStart(5, '0')}`, enterprise.id, supervisor.id, c.state, c.outcome ?? null, c.route ?? null, c.agency ?? null, c.flags,
          c.priority, { complainant: { name: `complainant ${c.name}`, country: c.country, size: c.size } }, `respondent ${c.name}`, `complainant ${c.name}`,
          sh(c.submitted), c.closed ? sh(c.closed) : null],
      );
      for (const d of c.deadlines) {
        await s.su.query(
          `INSERT INTO case_deadline (id, case_id, stage, clock, period, basis, started_at, due_date, due_at, provisional, reminder_at, status, on_expiry, closed_at)
           VALUES ($1, $2, $3, 'working_days', 5, 'test', $4, $5, $6, false, $4, $7, $8, $9)`,
          [randomUUID(), id, d.stage, sh(d.started), d.due.slice(0, 10), sh(d.due), d.status, d.onExpiry ?? 'breach', d.closed ? sh(d.closed) : null],
        );
      }
      for (const [at, action, from, to] of c.events) {
        await t.ds.transaction((m) =>
          appendAudit(m, { caseId: id, actorId: null, actorRole: 'examiner', organizationId: center.id, action, fromState: from, toState: to, payload: null, principles: ['fast'], at: new Date(sh(at)) }),
        );
      }
    }
    // Now-figures for Prometheus: an answer period due within a day, and mail waiting and given up on.
    await s.su.query(
      `INSERT INTO case_deadline (id, case_id, stage, clock, period, basis, started_at, due_date, due_at, provisional, reminder_at, status, on_expiry)
       VALUES ($1, $2, 'respondent_answer', 'calendar_days', 15, 'test', now(), (now() + interval '12 hours')::date, now() + interval '12 hours', false, now(), 'active', 'transition')`,
      [randomUUID(), ids.get('D')],
    );
    for (const status of ['pending', 'dead', 'sent']) {
      await s.su.query(
        `INSERT INTO outbox_message (id, case_id, template, recipient, language, data, message_id, status, next_attempt_at) VALUES ($1, $2, 'case_accepted', 'x@test.example', 'zh-CN', '{}', $3, $4, now())`,
        [randomUUID(), ids.get('A'), `<${randomUUID()}@test>`, status],
      );
    }
    const res = await get('/api/v1/metrics/principles?from=2025-03-03&to=2025-03-31');
    expect(res.status).toBe(200);
    report = res.body;
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await s?.drop();
  });

  it('takes the cases submitted in the period (Asia/Shanghai dates), and only those', () => {
    expect(report.period).toMatchObject({ from: '2025-03-03', to: '2025-03-31', timeZone: 'Asia/Shanghai' });
    expect(report.cases).toEqual({ submitted: 7, closed: 4 });
  });

  it('strict: repeat infringers, punitive-damages candidates, criminal thresholds, police transfers proposed / approved / filed', () => {
    expect(report.strict).toEqual({
      repeatInfringerCases: 1,
      punitiveDamagesCandidates: 2,
      criminalThresholdCases: 1,
      criminalThresholdNearCases: 1,
      policeTransfers: { proposed: 1, approved: 1, rejected: 0, filed: 1, declined: 0 },
    });
  });

  it('strict: the police\'s decisions count by case, as finally made (a decline reconsidered and declined again is one decline; one followed by filing is a filing)', async () => {
    const res = await get('/api/v1/metrics/principles?from=2025-07-01&to=2025-07-31');
    expect(res.status).toBe(200);
    expect(res.body.strict.policeTransfers).toEqual({ proposed: 2, approved: 2, rejected: 0, filed: 1, declined: 1 });
  });

  it('broad: a complaint its complainant withdrew in screening counts as withdrawn, not as waiting for a route', async () => {
    const res = await get('/api/v1/metrics/principles?from=2025-05-01&to=2025-05-31');
    expect(res.status).toBe(200);
    expect(res.body.cases).toEqual({ submitted: 1, closed: 1 });
    expect(res.body.broad.byRoute).toEqual([{ route: 'withdrawn', cases: 1 }]);
  });

  it('broad: cases by route and competent agency; transfers and their acknowledgement against the deadline; mediations', () => {
    expect(report.broad.byRoute).toEqual(
      ['court_referral', 'customs_referral', 'fast_track', 'mediation', 'not_accepted', 'police_transfer_review', 'unrouted'].map((route) => ({ route, cases: 1 })),
    );
    expect(report.broad.byCompetentAgency).toEqual([
      { competentAgency: 'none', cases: 2 },
      ...['court', 'customs', 'mediation_committee', 'police', 'protection_center'].map((competentAgency) => ({ competentAgency, cases: 1 })),
    ]);
    expect(report.broad.transfers).toEqual([
      // Police: approved 03-07 10:00, acknowledged 16:00, handover due 03-08 10:00.
      { agency: 'police', transfers: 1, acknowledged: 1, acknowledgedOnTime: 1, onTimeShare: 1, unacknowledgedPastDeadline: 0, medianAckHours: 6, p90AckHours: 6 },
      // Customs: referred 03-17 10:00, acknowledged 03-21 10:00 (96 h), due at the end of 03-20.
      { agency: 'customs', transfers: 1, acknowledged: 1, acknowledgedOnTime: 0, onTimeShare: 0, unacknowledgedPastDeadline: 0, medianAckHours: 96, p90AckHours: 96 },
      // Court: referred 03-20, due at the end of 03-27, never acknowledged.
      { agency: 'court', transfers: 1, acknowledged: 0, acknowledgedOnTime: 0, onTimeShare: null, unacknowledgedPastDeadline: 1, medianAckHours: null, p90AckHours: null },
    ]);
    expect(report.broad.mediations).toEqual({ entered: 1, settled: 1, failed: 0, ongoing: 0, settlementRate: 1 });
  });

  it('fast: deadlines met per stage, time in stage in working days (median, 90th percentile), breaches open now, closing rate', () => {
    const stage = (name: string) => report.fast.stages.find((x: { stage: string }) => x.stage === name);
    // Screening: met A B C E G; breached D (fired) and F (past due, not yet fired). Working days in screening:
    // A 2, B 2, C 3, D 7 (03-06 → 03-17), E 2, G 1 → sorted 1 2 2 2 3 7: median 2, p90 3 + 0.5 × 4 = 5.
    expect(stage('screening')).toEqual({
      stage: 'screening',
      deadlines: { met: 5, breached: 2, running: 0, shareMet: 0.71 },
      timeInStage: { completed: 6, medianWorkingDays: 2, p90WorkingDays: 5 },
      openBreachesNow: 2,
    });
    expect(stage('fast_track.examining')).toMatchObject({ deadlines: { met: 1, breached: 0, shareMet: 1 }, timeInStage: { completed: 1, medianWorkingDays: 5 } });
    expect(stage('mediation.mediating')).toMatchObject({ timeInStage: { completed: 1, medianWorkingDays: 7, p90WorkingDays: 7 } });
    expect(stage('police_transfer_review.awaiting_police_decision')).toMatchObject({ deadlines: { met: 1 }, timeInStage: { medianWorkingDays: 1 } });
    expect(stage('customs_referral')).toMatchObject({ deadlines: { met: 0, breached: 1, shareMet: 0 }, timeInStage: { completed: 0, medianWorkingDays: null }, openBreachesNow: 0 });
    expect(stage('court_referral')).toMatchObject({ deadlines: { met: 0, breached: 1 }, openBreachesNow: 1 });
    expect(report.fast.stages.map((x: { stage: string }) => x.stage)).toEqual([
      'screening',
      'fast_track.examining',
      'mediation.assigning',
      'mediation.mediating',
      'police_transfer_review.awaiting_approval',
      'police_transfer_review.awaiting_police_decision',
      'customs_referral',
      'court_referral',
      'police_transfer_review.package_handover',
    ]);
    // 11 met of 15 decided deadlines; the answer period and the judicial-confirmation reminder are not SLA deadlines.
    expect(report.fast.deadlines).toEqual({ met: 11, breached: 4, shareMet: 0.73 });
    // F, G, and X (submitted in February, still in screening past its due date).
    expect(report.fast.breachesOpenNow).toBe(3);
    expect(report.fast.closingRate).toEqual({ closed: 4, submitted: 7, rate: 0.57 });
    // Closed: A 7, B 4, C 11, E 2 working days → median 5.5, mean 6, p90 7 + 0.7 × 4 = 9.8.
    expect(report.fast.handling).toEqual({ count: 4, medianWorkingDays: 5.5, meanWorkingDays: 6, p90WorkingDays: 9.8 });
  });

  it('equal: the same figures by nationality and by size, with the ratios between groups and the alert', () => {
    expect(report.equal.byNationality.domestic).toEqual({
      cases: 4, closed: 3, closingRate: 0.75, accepted: 2, notAccepted: 1, acceptanceRate: 0.67, decided: 2, favourable: 2, favourableRate: 1,
      meanPriority: 61.25, handling: { count: 3, medianWorkingDays: 4, meanWorkingDays: 4.33, p90WorkingDays: 6.4 },
    });
    expect(report.equal.byNationality.foreign).toEqual({
      cases: 3, closed: 1, closingRate: 0.33, accepted: 3, notAccepted: 0, acceptanceRate: 1, decided: 1, favourable: 1, favourableRate: 1,
      meanPriority: 45, handling: { count: 1, medianWorkingDays: 11, meanWorkingDays: 11, p90WorkingDays: 11 },
    });
    expect(report.equal.bySize.large).toMatchObject({ cases: 2, closed: 2, closingRate: 1, meanPriority: 65, handling: { meanWorkingDays: 7.5 } });
    expect(report.equal.bySize.sme).toMatchObject({ cases: 3, closed: 1, closingRate: 0.33, acceptanceRate: 1, meanPriority: 51.67, handling: { meanWorkingDays: 7 } });
    expect(report.equal.bySize.micro).toMatchObject({ cases: 2, closed: 1, closingRate: 0.5, acceptanceRate: 0.5, favourableRate: null, meanPriority: 47.5, handling: { meanWorkingDays: 2 } });
    expect(report.equal.bySize.individual).toMatchObject({ cases: 0, closingRate: null, meanPriority: null });
    const r = (dimension: string, metric: string) => report.equal.ratios.find((x: { dimension: string; metric: string }) => x.dimension === dimension && x.metric === metric);
    // Foreign ÷ domestic: 11 / 4.33 working days; closing 0.33 / 0.75; acceptance 1 / 0.67; priority 45 / 61.25.
    expect(r('nationality', 'meanHandlingWorkingDays')).toEqual({
      dimension: 'nationality', metric: 'meanHandlingWorkingDays', ratio: 2.54, between: ['foreign', 'domestic'], n: [1, 3], insufficient: false, pValue: null, alert: true,
    });
    expect(r('nationality', 'closingRate')).toMatchObject({ ratio: 0.44, alert: true });
    // Exactly 1 ÷ 2/3 = 1.5: on the bound, not beyond it (the rounded rates would give 1.49).
    expect(r('nationality', 'acceptanceRate')).toMatchObject({ ratio: 1.5, alert: false });
    expect(r('nationality', 'favourableRate')).toMatchObject({ ratio: 1, alert: false });
    expect(r('nationality', 'meanPriority')).toMatchObject({ ratio: 0.73, alert: false });
    // Highest ÷ lowest size group: handling 7.5 (large) / 2 (micro); closing 1 / 0.33; acceptance 1 / 0.5; priority 65 / 47.5.
    expect(r('size', 'meanHandlingWorkingDays')).toEqual({
      dimension: 'size', metric: 'meanHandlingWorkingDays', ratio: 3.75, between: ['large', 'micro'], n: [2, 1], insufficient: false, pValue: null, alert: true,
    });
    expect(r('size', 'closingRate')).toMatchObject({ ratio: 3, between: ['large', 'sme'], alert: true });
    expect(r('size', 'acceptanceRate')).toMatchObject({ ratio: 2, alert: true });
    expect(r('size', 'favourableRate')).toMatchObject({ ratio: 1, alert: false });
    expect(r('size', 'meanPriority')).toMatchObject({ ratio: 1.37, between: ['large', 'micro'], alert: false });
    expect(report.equal).toMatchObject({ ratioAlertBound: 1.5, alert: true });
  });

  it('the alert bound is configurable (EQUAL_RATIO_ALERT)', async () => {
    const lenient = await startTestApp({ DATABASE_URL: s.url, S3_BUCKET: s.bucket, EQUAL_RATIO_ALERT: '5', EQUAL_MIN_GROUP: '1' });
    try {
      const res = await lenient.http().get('/api/v1/metrics/principles?from=2025-03-03&to=2025-03-31').set('authorization', `Bearer ${admin.token}`);
      expect(res.body.equal).toMatchObject({ ratioAlertBound: 5, alert: false });
    } finally {
      await lenient.close();
    }
  });

  it('by default a group must rest on 30 cases to alert: these handfuls are shown, marked insufficient, and raise none', async () => {
    const strict = await startTestApp({ DATABASE_URL: s.url, S3_BUCKET: s.bucket });
    try {
      const res = await strict.http().get('/api/v1/metrics/principles?from=2025-03-03&to=2025-03-31').set('authorization', `Bearer ${admin.token}`);
      expect(res.body.equal).toMatchObject({ ratioAlertBound: 1.5, minGroup: 30, alert: false });
      const handling = res.body.equal.ratios.find((x: { dimension: string; metric: string }) => x.dimension === 'nationality' && x.metric === 'meanHandlingWorkingDays');
      expect(handling).toMatchObject({ ratio: 2.54, n: [1, 3], insufficient: true, alert: false });
      expect(res.body.equal.ratios.every((x: { insufficient: boolean; alert: boolean }) => x.insufficient && !x.alert)).toBe(true);
    } finally {
      await strict.close();
    }
  });

  it("handling time is the center's: the complainant's correction stay is not counted (12 working days, 8 of them correcting)", async () => {
    const res = await get('/api/v1/metrics/principles?from=2025-06-01&to=2025-06-30');
    expect(res.body.fast.handling).toMatchObject({ count: 1, medianWorkingDays: 4, meanWorkingDays: 4 });
    expect(res.body.equal.byNationality.domestic.handling).toMatchObject({ count: 1, meanWorkingDays: 4 });
  });

  it('a period without cases gives zeros and nulls, not errors', async () => {
    const res = await get('/api/v1/metrics/principles?from=2024-01-01&to=2024-01-31');
    expect(res.status).toBe(200);
    expect(res.body.cases).toEqual({ submitted: 0, closed: 0 });
    expect(res.body.fast.closingRate).toEqual({ closed: 0, submitted: 0, rate: null });
    expect(res.body.fast.breachesOpenNow).toBe(3);
  });

  it('CSV export: one figure a line, with a download name', async () => {
    const res = await get('/api/v1/metrics/principles.csv?from=2025-03-03&to=2025-03-31', admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="principles_2025-03-03_2025-03-31.csv"; filename*=UTF-8''principles_2025-03-03_2025-03-31.csv`);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('from,to,principle,metric,dimension,group,value');
    expect(lines).toEqual(
      expect.arrayContaining([
        '2025-03-03,2025-03-31,strict,repeat_infringer_cases,,,1',
        '2025-03-03,2025-03-31,broad,transfers_acknowledged_on_time,agency,police,1',
        '2025-03-03,2025-03-31,fast,deadlines_met_share,stage,screening,0.71',
        '2025-03-03,2025-03-31,fast,closing_rate,,,0.57',
        '2025-03-03,2025-03-31,equal,ratio_mean_handling_working_days,nationality,foreign/domestic,2.54',
        '2025-03-03,2025-03-31,equal,alert,,,true',
      ]),
    );
  });

  it('supervisors and admins only; dates are checked (422 naming the field)', async () => {
    expect((await get('/api/v1/metrics/principles', examiner)).status).toBe(403);
    expect((await t.http().get('/api/v1/metrics/principles')).status).toBe(401);
    const bad = await get('/api/v1/metrics/principles?from=2025-02-30');
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'from', code: 'date' })]);
    expect((await get('/api/v1/metrics/principles?from=2025-04-01&to=2025-03-01')).status).toBe(422);
    expect((await get('/api/v1/metrics/principles?from=2025-03-01&extra=1')).status).toBe(422);
    // Default period: the last 90 days.
    const d = await get('/api/v1/metrics/principles', admin);
    expect(d.status).toBe(200);
    expect((Date.parse(d.body.period.to) - Date.parse(d.body.period.from)) / 86_400_000).toBe(89);
  });

  it('GET /metrics: Prometheus text with requests by route and status, queue depths, deadlines due, breaches, outbox', async () => {
    await get('/api/v1/metrics/principles?from=2025-03-03&to=2025-03-31');
    const res = await t.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    for (const line of [
      'lyg_queue_depth{state="screening"} 2',
      'lyg_queue_depth{state="customs_referral"} 1',
      'lyg_queue_depth{state="court_referral"} 1',
      'lyg_queue_depth{state="mediation.mediating"} 0',
      'lyg_deadlines_due_next_24h 1',
      'lyg_deadline_breaches_open 3',
      'lyg_outbox_messages{status="pending"} 1',
      'lyg_outbox_messages{status="dead"} 1',
      'lyg_audit_checkpoint_age_seconds -1',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
    expect(text).toMatch(/^lyg_http_requests_total\{method="GET",route="\/api\/v1\/metrics\/principles",status="200"\} \d+$/m);
    expect(text).toMatch(/^lyg_http_requests_total\{method="GET",route="\/api\/v1\/metrics\/principles",status="403"\} 1$/m);
    expect(text).toMatch(/^lyg_audit_head_seq \d+$/m);
    expect(text).toMatch(/^# TYPE lyg_http_request_duration_seconds histogram$/m);
  });

  it('GET /metrics asks for the token when METRICS_TOKEN is set', async () => {
    const closed = await startTestApp({ DATABASE_URL: s.url, S3_BUCKET: s.bucket, METRICS_TOKEN: 'scrape-secret-0123456789' });
    try {
      expect((await closed.http().get('/metrics')).status).toBe(401);
      expect((await closed.http().get('/metrics').set('authorization', 'Bearer wrong')).status).toBe(401);
      expect((await closed.http().get('/metrics').set('authorization', 'Bearer scrape-secret-0123456789')).status).toBe(200);
    } finally {
      await closed.close();
    }
  });

  it('GET /cases/stages counts the open cases by state, with those past a deadline, and by flag: exact, for the caller\'s scope', async () => {
    // F's screening deadline passed (not yet fired); X was marked breached by the worker.
    await s.su.query('UPDATE ip_case SET due_at = $2 WHERE id = $1', [ids.get('F'), sh('2025-03-26 00:00')]);
    await s.su.query('UPDATE ip_case SET sla_breached = true WHERE id = $1', [ids.get('X')]);
    try {
      const res = await get('/api/v1/cases/stages');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        cases: 5,
        breached: 2,
        stages: [
          { state: 'administrative_enforcement.filing_review', cases: 1, breached: 0 },
          { state: 'court_referral', cases: 1, breached: 0 },
          { state: 'customs_referral', cases: 1, breached: 0 },
          { state: 'screening', cases: 2, breached: 2 },
        ],
        flags: [
          { flag: 'criminal_threshold_reached', cases: 1 },
          { flag: 'foreign_related', cases: 1 },
          { flag: 'repeat_infringer', cases: 1 },
        ],
      });
      // Another scope: a market-regulation officer sees the bureau's own case (P) only.
      const bureau = await createOrg(t.ds, 'market_regulation');
      const officer = await createUser(t, 'officer', bureau.id, 'zh-CN', { login: false });
      expect((await get('/api/v1/cases/stages', officer)).body).toMatchObject({ cases: 1, stages: [{ state: 'administrative_enforcement.filing_review', cases: 1 }] });
      const enterprise = await createUser(t, 'enterprise', (await createOrg(t.ds, 'enterprise')).id, 'zh-CN', { login: false });
      expect((await get('/api/v1/cases/stages', enterprise)).status).toBe(403);
    } finally {
      await s.su.query('UPDATE ip_case SET due_at = NULL, sla_breached = false WHERE id = ANY($1)', [[ids.get('F'), ids.get('X')]]);
    }
  });

  it('time in stage uses the statutory calendar: a stage across the Qingming holiday counts only working days', async () => {
    // Y-like case in April: screening from Thursday 2025-04-03 to Monday 2025-04-07 spans Apr 4–6 (holiday): 1 working day.
    const id = randomUUID();
    const org = (await s.su.query('SELECT organization_id FROM ip_case LIMIT 1')).rows[0].organization_id;
    await s.su.query(
      `INSERT INTO ip_case (id, organization_id, created_by, state, route, complaint, snapshot, respondent_key, respondent_name_key, complainant_name, respondent_name, version, submitted_at)
       VALUES ($1, $2, $3, 'fast_track.examining', 'fast_track', $4, '{}', 'r', 'r', 'c', 'r', 1, $5)`,
      [id, org, supervisor.id, { complainant: { country: 'CN', size: 'sme' } }, sh('2025-04-03 10:00')],
    );
    for (const [at, action, from, to] of [['2025-04-03 10:00', 'submit', 'draft', 'screening'], ['2025-04-07 10:00', 'accept', 'screening', 'fast_track.examining']]) {
      await t.ds.transaction((m) => appendAudit(m, { caseId: id, actorId: null, actorRole: 'examiner', organizationId: null, action, fromState: from, toState: to, payload: null, principles: ['fast'], at: new Date(sh(at)) }));
    }
    const res = await get('/api/v1/metrics/principles?from=2025-04-03&to=2025-04-03');
    expect(res.body.fast.stages.find((x: { stage: string }) => x.stage === 'screening').timeInStage).toEqual({ completed: 1, medianWorkingDays: 1, p90WorkingDays: 1 });
    expect(Date.parse(sh('2025-04-07 10:00')) - Date.parse(sh('2025-04-03 10:00'))).toBe(96 * HOUR);
  });
});
