import { APP_CONFIG, type AppConfig } from '@lyg/config';
import {
  AppError,
  CASE_STATES,
  COMPANY_SIZES,
  EQUAL_METRICS,
  type EqualMetric,
  type GroupFigures,
  type HandlingFigures,
  type PrinciplesReport,
  type RatioFigure,
  shanghaiDateOf,
  type StageFigures,
  type TransferFigures,
  type WorkingDayCalendar,
} from '@lyg/domain';
import { CalendarService } from '@lyg/workflow';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { compareGroups, mean, percentile, round2, type Sample, share } from './stats';

export const DEFAULT_PERIOD_DAYS = 90;
const MAX_PERIOD_DAYS = 3660;
const DAY_MS = 86_400_000;

/** Outcomes in the complainant's favour (the case established infringement, was settled, or went on to a court, customs or police action). */
export const FAVOURABLE_OUTCOMES = ['infringement_established', 'penalized', 'settled', 'transferred_criminal', 'court_filed', 'customs_detained'];

export interface Period {
  from: string;
  to: string;
  /** `[fromInstant, toInstant)`: 00:00 Asia/Shanghai of `from` to 00:00 of the day after `to`. */
  fromInstant: string;
  toInstant: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayNumber = (s: string): number | null => {
  const m = DATE.exec(s);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === s ? t / DAY_MS : null;
};
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** `from`/`to` (YYYY-MM-DD, Asia/Shanghai, both included); default the last 90 days up to today. */
export function parsePeriod(from: string | undefined, to: string | undefined, today: string = shanghaiDateOf(new Date())): Period {
  const errors: { field: string; code: string; params?: Record<string, string | number> }[] = [];
  const toDay = to === undefined || to === '' ? dayNumber(today)! : dayNumber(to);
  if (toDay === null) errors.push({ field: 'to', code: 'date' });
  const fromDay = from === undefined || from === '' ? (toDay ?? dayNumber(today)!) - (DEFAULT_PERIOD_DAYS - 1) : dayNumber(from);
  if (fromDay === null) errors.push({ field: 'from', code: 'date' });
  if (!errors.length && fromDay! > toDay!) errors.push({ field: 'from', code: 'max', params: { max: dateOf(toDay!) } });
  if (!errors.length && toDay! - fromDay! + 1 > MAX_PERIOD_DAYS) errors.push({ field: 'from', code: 'min', params: { min: dateOf(toDay! - MAX_PERIOD_DAYS + 1) } });
  if (errors.length) throw AppError.validation(errors);
  return { from: dateOf(fromDay!), to: dateOf(toDay!), fromInstant: `${dateOf(fromDay!)}T00:00:00+08:00`, toInstant: `${dateOf(toDay! + 1)}T00:00:00+08:00` };
}

export { EQUAL_METRICS } from '@lyg/domain';
export type { EqualMetric, GroupFigures, HandlingFigures, PrinciplesReport, RatioFigure, StageFigures, TransferFigures } from '@lyg/domain';

interface GroupRow {
  domestic: boolean;
  size: string;
  cases: number;
  closed: number;
  accepted: number;
  not_accepted: number;
  decided: number;
  favourable: number;
  priority_sum: number;
  repeat: number;
  punitive: number;
  criminal: number;
  criminal_near: number;
  settled: number;
  in_mediation: number;
}

const COHORT = `cohort AS MATERIALIZED (
  SELECT id, state, route, competent_agency, flags, outcome, priority, submitted_at, closed_at,
         coalesce(complaint->'complainant'->>'country', '') = 'CN' AS domestic,
         coalesce(complaint->'complainant'->>'size', 'unknown') AS size
  FROM ip_case WHERE submitted_at >= $1::timestamptz AND submitted_at < $2::timestamptz)`;

const TERMINAL = ['not_accepted', 'withdrawn', 'closed'];
const STATE_STAGES: readonly string[] = CASE_STATES.filter((s) => !TERMINAL.includes(s) && s !== 'draft');
/** The deadline stages that acknowledge a transfer, per receiving agency (lifecycle.md). */
const ACK_STAGES = { police: 'police_transfer_review.package_handover', customs: 'customs_referral', court: 'court_referral' } as const;
/** A decision implies receipt (the statechart counts it as one). */
const RECEIPT_ACTIONS = ['acknowledge', 'police_file_case', 'police_decline', 'report_outcome'];

/**
 * The four-principle figures (product.md; issue 6), computed in SQL from the cases, deadline rows and audit entries.
 * Every figure but the "now" ones describes the cohort of cases submitted in the period (Asia/Shanghai dates),
 * followed up to now: what happened to the cases that came in then. Working days come from the statutory calendar.
 */
@Injectable()
export class PrinciplesMetricsService {
  constructor(
    private readonly ds: DataSource,
    private readonly calendars: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * One report at a time per process, its queries one after another on one connection in one read-only snapshot:
   * however many supervisors open the dashboard over long periods, the report never takes the pool from the
   * requests that work cases (it did: three ten-year reports at once left the others waiting into 503s), and its
   * figures agree with each other.
   */
  async report(period: Period): Promise<PrinciplesReport> {
    const turn = this.queue.then(() => this.compute(period));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private queue: Promise<void> = Promise.resolve();

  private async compute(period: Period): Promise<PrinciplesReport> {
    const p = [period.fromInstant, period.toInstant];
    const calendar = await this.calendars.calendar();
    const [groups, routes, handlingPairs, auditCounts, stagePairs, transfers, deadlines, openBreaches] = await this.ds.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      return Promise.all([
      m.query<GroupRow[]>(
        `WITH ${COHORT}
         SELECT domestic, size, count(*)::int AS cases,
           count(*) FILTER (WHERE closed_at IS NOT NULL)::int AS closed,
           count(*) FILTER (WHERE route IS NOT NULL)::int AS accepted,
           count(*) FILTER (WHERE state = 'not_accepted')::int AS not_accepted,
           count(*) FILTER (WHERE outcome IS NOT NULL AND outcome <> 'withdrawn')::int AS decided,
           count(*) FILTER (WHERE outcome = ANY($3))::int AS favourable,
           coalesce(sum(priority), 0)::int AS priority_sum,
           count(*) FILTER (WHERE 'repeat_infringer' = ANY(flags))::int AS repeat,
           count(*) FILTER (WHERE 'punitive_damages_candidate' = ANY(flags))::int AS punitive,
           count(*) FILTER (WHERE 'criminal_threshold_reached' = ANY(flags))::int AS criminal,
           count(*) FILTER (WHERE 'criminal_threshold_near' = ANY(flags))::int AS criminal_near,
           count(*) FILTER (WHERE outcome = 'settled')::int AS settled,
           count(*) FILTER (WHERE state LIKE 'mediation.%')::int AS in_mediation
         FROM cohort GROUP BY domestic, size`,
        [...p, FAVOURABLE_OUTCOMES],
      ),
      m.query<{ route: string; agency: string; cases: number }[]>(
        `WITH ${COHORT}
         SELECT coalesce(route, CASE WHEN state = 'not_accepted' THEN state
                                     WHEN state = 'withdrawn' OR outcome = 'withdrawn' THEN 'withdrawn' ELSE 'unrouted' END) AS route,
                coalesce(competent_agency, 'none') AS agency, count(*)::int AS cases
         FROM cohort GROUP BY 1, 2`,
        p,
      ),
      // Handling time is the center's: submission to closing, less the complainant's own time correcting the
      // complaint (the screening clock stops meanwhile, lifecycle.md); the correction stays come from the audit trail
      // as "start/end" Shanghai days, and a stay the closing ended (deemed withdrawn) ends at the closing.
      m.query<{ domestic: boolean; size: string; d0: string; d1: string; stops: string; n: number }[]>(
        `WITH ${COHORT},
         closed AS (SELECT * FROM cohort WHERE closed_at IS NOT NULL),
         changes AS (
           SELECT a.case_id, a.seq, a.at, a.to_state FROM audit_entry a
           WHERE a.case_id IN (SELECT id FROM closed) AND a.to_state IS NOT NULL AND a.from_state IS DISTINCT FROM a.to_state),
         spans AS (
           SELECT case_id, to_state, at AS entered, lead(at) OVER (PARTITION BY case_id ORDER BY seq) AS left_at FROM changes),
         stops AS (
           SELECT s.case_id,
                  string_agg((s.entered AT TIME ZONE 'Asia/Shanghai')::date::text || '/' ||
                             (coalesce(s.left_at, c.closed_at) AT TIME ZONE 'Asia/Shanghai')::date::text, ',' ORDER BY s.entered) AS stops
             FROM spans s JOIN closed c ON c.id = s.case_id
            WHERE s.to_state = 'awaiting_correction'
            GROUP BY s.case_id)
         SELECT c.domestic, c.size, (c.submitted_at AT TIME ZONE 'Asia/Shanghai')::date::text AS d0,
                (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date::text AS d1, coalesce(st.stops, '') AS stops, count(*)::int AS n
         FROM closed c LEFT JOIN stops st ON st.case_id = c.id GROUP BY 1, 2, 3, 4, 5`,
        p,
      ),
      m.query<{ proposed: number; approved: number; rejected: number; filed: number; declined: number; mediation_entered: number; mediation_failed: number }[]>(
        `WITH ${COHORT}
         SELECT
           count(*) FILTER (WHERE a.to_state = 'police_transfer_review.awaiting_approval' AND a.from_state IS DISTINCT FROM a.to_state)::int AS proposed,
           count(*) FILTER (WHERE a.action = 'approve_transfer')::int AS approved,
           count(*) FILTER (WHERE a.action = 'reject_transfer')::int AS rejected,
           -- The police's decisions by case, as finally made: a decline that reconsideration turned into a filing
           -- counts as filed; two declines of one case (before and after reconsideration), as one.
           count(DISTINCT a.case_id) FILTER (WHERE a.action = 'police_file_case')::int AS filed,
           count(DISTINCT a.case_id) FILTER (WHERE a.action = 'police_decline' AND NOT EXISTS (
             SELECT 1 FROM audit_entry f WHERE f.case_id = a.case_id AND f.action = 'police_file_case'))::int AS declined,
           count(*) FILTER (WHERE a.to_state LIKE 'mediation.%' AND coalesce(a.from_state, '') NOT LIKE 'mediation.%')::int AS mediation_entered,
           count(*) FILTER (WHERE a.action = 'mediation_failed')::int AS mediation_failed
         FROM audit_entry a WHERE a.case_id IN (SELECT id FROM cohort)`,
        p,
      ),
      // Stage intervals from the audit trail: each state change starts a stage that the next change ends.
      m.query<{ stage: string; d0: string; d1: string; n: number }[]>(
        `WITH ${COHORT},
         changes AS (
           SELECT a.case_id, a.seq, a.at, a.to_state FROM audit_entry a
           WHERE a.case_id IN (SELECT id FROM cohort) AND a.to_state IS NOT NULL AND a.from_state IS DISTINCT FROM a.to_state),
         spans AS (
           SELECT to_state AS stage, at AS entered, lead(at) OVER (PARTITION BY case_id ORDER BY seq) AS left_at FROM changes)
         SELECT stage, (entered AT TIME ZONE 'Asia/Shanghai')::date::text AS d0, (left_at AT TIME ZONE 'Asia/Shanghai')::date::text AS d1, count(*)::int AS n
         FROM spans WHERE left_at IS NOT NULL AND stage = ANY($3) GROUP BY 1, 2, 3`,
        [...p, STATE_STAGES],
      ),
      m.query<{ agency: TransferFigures['agency']; transfers: number; acknowledged: number; on_time: number; overdue: number; median_hours: number | null; p90_hours: number | null }[]>(
        `WITH ${COHORT},
         t AS (
           SELECT a.case_id, a.seq, a.at,
             CASE WHEN a.action = 'approve_transfer' THEN 'police' WHEN a.to_state = 'customs_referral' THEN 'customs' ELSE 'court' END AS agency
           FROM audit_entry a
           WHERE a.case_id IN (SELECT id FROM cohort)
             AND (a.action = 'approve_transfer' OR (a.to_state IN ('customs_referral', 'court_referral') AND a.from_state IS DISTINCT FROM a.to_state))),
         x AS (
           SELECT t.agency, t.at,
             (SELECT b.at FROM audit_entry b WHERE b.case_id = t.case_id AND b.seq > t.seq AND b.action = ANY($3) ORDER BY b.seq LIMIT 1) AS ack_at,
             (SELECT d.due_at FROM case_deadline d WHERE d.case_id = t.case_id AND d.started_at >= t.at
                AND d.stage = CASE t.agency WHEN 'police' THEN $4::text WHEN 'customs' THEN $5::text ELSE $6::text END
              ORDER BY d.started_at LIMIT 1) AS due_at
           FROM t)
         SELECT agency, count(*)::int AS transfers, count(ack_at)::int AS acknowledged,
           count(*) FILTER (WHERE ack_at IS NOT NULL AND due_at IS NOT NULL AND ack_at <= due_at)::int AS on_time,
           count(*) FILTER (WHERE ack_at IS NULL AND due_at < now())::int AS overdue,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ack_at - at) / 3600) FILTER (WHERE ack_at IS NOT NULL) AS median_hours,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM ack_at - at) / 3600) FILTER (WHERE ack_at IS NOT NULL) AS p90_hours
         FROM x GROUP BY agency`,
        [...p, RECEIPT_ACTIONS, ACK_STAGES.police, ACK_STAGES.customs, ACK_STAGES.court],
      ),
      m.query<{ stage: string; met: number; breached: number; running: number }[]>(
        `WITH ${COHORT}
         SELECT d.stage,
           count(*) FILTER (WHERE d.status = 'met')::int AS met,
           count(*) FILTER (WHERE d.status = 'breached' OR (d.status = 'active' AND d.due_at < now()))::int AS breached,
           count(*) FILTER (WHERE d.status = 'paused' OR (d.status = 'active' AND d.due_at >= now()))::int AS running
         FROM case_deadline d WHERE d.case_id IN (SELECT id FROM cohort) AND d.on_expiry = 'breach'
         GROUP BY d.stage`,
        p,
      ),
      // Now, whatever the period: a deadline past due in the stage its open case is still in (for the deadlines of a
      // part of a stage, e.g. the package handover, while the case is still on that route).
      m.query<{ stage: string; n: number }[]>(
        `SELECT d.stage, count(*)::int AS n
         FROM case_deadline d JOIN ip_case c ON c.id = d.case_id
         WHERE c.closed_at IS NULL AND d.on_expiry = 'breach' AND d.closed_at IS NULL
           AND (d.status = 'breached' OR (d.status = 'active' AND d.due_at < now()))
           AND (d.stage = c.state OR (NOT d.stage = ANY($1) AND split_part(d.stage, '.', 1) = split_part(c.state, '.', 1)))
         GROUP BY d.stage`,
        [STATE_STAGES],
      ),
      ]);
    });

    const workingDays = memoWorkingDays(calendar);
    // Working days from submission to closing, less those of the correction stays (never below 0).
    const handlingDays = (r: { d0: string; d1: string; stops: string }) =>
      Math.max(0, workingDays(r.d0, r.d1) - (r.stops ? r.stops.split(',').reduce((sum, span) => sum + workingDays(span.slice(0, 10), span.slice(11)), 0) : 0));
    const handlingOf = (pairs: typeof handlingPairs): HandlingFigures => {
      const values = pairs.map((r) => ({ value: handlingDays(r), count: r.n }));
      return {
        count: values.reduce((s, v) => s + v.count, 0),
        medianWorkingDays: percentile(values, 0.5),
        meanWorkingDays: mean(values),
        p90WorkingDays: percentile(values, 0.9),
      };
    };
    const figuresOf = (rows: GroupRow[], pairs: typeof handlingPairs): GroupFigures => {
      const sum = (k: keyof GroupRow) => rows.reduce((s, r) => s + Number(r[k]), 0);
      const cases = sum('cases');
      const closed = sum('closed');
      const accepted = sum('accepted');
      const notAccepted = sum('not_accepted');
      const decided = sum('decided');
      const favourable = sum('favourable');
      return {
        cases,
        closed,
        closingRate: share(closed, cases),
        accepted,
        notAccepted,
        acceptanceRate: share(accepted, accepted + notAccepted),
        decided,
        favourable,
        favourableRate: share(favourable, decided),
        meanPriority: cases ? round2(sum('priority_sum') / cases) : null,
        handling: handlingOf(pairs),
      };
    };

    const all = figuresOf(groups, handlingPairs);
    const total = (k: keyof GroupRow) => groups.reduce((s, r) => s + Number(r[k]), 0);
    const audit = auditCounts[0];

    const stageNames = [...new Set([...deadlines.map((d) => d.stage), ...stagePairs.map((s) => s.stage), ...openBreaches.map((b) => b.stage)])].sort(
      (a, b) => stageOrder(a) - stageOrder(b) || a.localeCompare(b),
    );
    const stages: StageFigures[] = stageNames.map((stage) => {
      const d = deadlines.find((r) => r.stage === stage);
      const times = stagePairs.filter((r) => r.stage === stage).map((r) => ({ value: workingDays(r.d0, r.d1), count: r.n }));
      return {
        stage,
        deadlines: { met: d?.met ?? 0, breached: d?.breached ?? 0, running: d?.running ?? 0, shareMet: share(d?.met ?? 0, (d?.met ?? 0) + (d?.breached ?? 0)) },
        timeInStage: { completed: times.reduce((s, v) => s + v.count, 0), medianWorkingDays: percentile(times, 0.5), p90WorkingDays: percentile(times, 0.9) },
        openBreachesNow: openBreaches.find((b) => b.stage === stage)?.n ?? 0,
      };
    });
    const met = deadlines.reduce((s, d) => s + d.met, 0);
    const breached = deadlines.reduce((s, d) => s + d.breached, 0);

    const domestic = figuresOf(
      groups.filter((g) => g.domestic),
      handlingPairs.filter((h) => h.domestic),
    );
    const foreign = figuresOf(
      groups.filter((g) => !g.domestic),
      handlingPairs.filter((h) => !h.domestic),
    );
    const bySize: Record<string, GroupFigures> = {};
    for (const size of [...COMPANY_SIZES, ...new Set(groups.map((g) => g.size).filter((s) => !(COMPANY_SIZES as readonly string[]).includes(s)))]) {
      bySize[size] = figuresOf(
        groups.filter((g) => g.size === size),
        handlingPairs.filter((h) => h.size === size),
      );
    }
    const bound = this.config.equalRatioAlert;
    const minGroup = this.config.equalMinGroup;
    // Exact figures (not the rounded ones shown) with the number of cases each rests on.
    const samples = (rows: GroupRow[], pairs: typeof handlingPairs) => sampleOf(rows, pairs.map((h) => ({ days: handlingDays(h), n: h.n })));
    const compare = (dimension: RatioFigure['dimension'], metric: EqualMetric, a: Sample, b: Sample, between: [string, string]): RatioFigure => ({
      dimension,
      metric,
      between,
      n: [a.n, b.n],
      ...compareGroups(a, b, { bound, minGroup, significance: EQUAL_SIGNIFICANCE }),
    });
    const ratios: RatioFigure[] = [];
    const domesticRows = groups.filter((g) => g.domestic);
    const foreignRows = groups.filter((g) => !g.domestic);
    const domesticSamples = samples(domesticRows, handlingPairs.filter((h) => h.domestic));
    const foreignSamples = samples(foreignRows, handlingPairs.filter((h) => !h.domestic));
    for (const metric of EQUAL_METRICS) ratios.push(compare('nationality', metric, foreignSamples[metric], domesticSamples[metric], ['foreign', 'domestic']));
    const sizeSamples = Object.keys(bySize).map((size) => ({ size, s: samples(groups.filter((g) => g.size === size), handlingPairs.filter((h) => h.size === size)) }));
    for (const metric of EQUAL_METRICS) {
      const present = sizeSamples.filter((x) => x.s[metric].value !== null && x.s[metric].n > 0);
      // The extremes among the groups large enough to judge; when fewer than two are, among all (shown, not alerting).
      const judged = present.filter((x) => x.s[metric].n >= minGroup);
      const pool = (judged.length >= 2 ? judged : present).sort((a, b) => a.s[metric].value! - b.s[metric].value!);
      if (pool.length < 2) {
        ratios.push({ dimension: 'size', metric, ratio: null, between: null, n: null, insufficient: true, pValue: null, alert: false });
        continue;
      }
      const low = pool[0];
      const high = pool[pool.length - 1];
      ratios.push(compare('size', metric, high.s[metric], low.s[metric], [high.size, low.size]));
    }

    const transferFigures: TransferFigures[] = (['police', 'customs', 'court'] as const).map((agency) => {
      const t = transfers.find((r) => r.agency === agency);
      return {
        agency,
        transfers: t?.transfers ?? 0,
        acknowledged: t?.acknowledged ?? 0,
        acknowledgedOnTime: t?.on_time ?? 0,
        onTimeShare: share(t?.on_time ?? 0, t?.acknowledged ?? 0),
        unacknowledgedPastDeadline: t?.overdue ?? 0,
        medianAckHours: t?.median_hours === null || t?.median_hours === undefined ? null : round2(Number(t.median_hours)),
        p90AckHours: t?.p90_hours === null || t?.p90_hours === undefined ? null : round2(Number(t.p90_hours)),
      };
    });
    const settled = total('settled');

    return {
      period: { from: period.from, to: period.to, timeZone: 'Asia/Shanghai', basis: 'cases submitted in the period, followed up to now; "now" figures are current' },
      generatedAt: new Date().toISOString(),
      cases: { submitted: all.cases, closed: all.closed },
      strict: {
        repeatInfringerCases: total('repeat'),
        punitiveDamagesCandidates: total('punitive'),
        criminalThresholdCases: total('criminal'),
        criminalThresholdNearCases: total('criminal_near'),
        policeTransfers: { proposed: audit?.proposed ?? 0, approved: audit?.approved ?? 0, rejected: audit?.rejected ?? 0, filed: audit?.filed ?? 0, declined: audit?.declined ?? 0 },
      },
      broad: {
        byRoute: sumBy(routes, (r) => r.route).map(([route, cases]) => ({ route, cases })),
        byCompetentAgency: sumBy(routes, (r) => r.agency).map(([competentAgency, cases]) => ({ competentAgency, cases })),
        transfers: transferFigures,
        mediations: {
          entered: audit?.mediation_entered ?? 0,
          settled,
          failed: audit?.mediation_failed ?? 0,
          ongoing: total('in_mediation'),
          settlementRate: share(settled, settled + (audit?.mediation_failed ?? 0)),
        },
      },
      fast: {
        stages,
        deadlines: { met, breached, shareMet: share(met, met + breached) },
        breachesOpenNow: openBreaches.reduce((s, b) => s + b.n, 0),
        closingRate: { closed: all.closed, submitted: all.cases, rate: all.closingRate },
        handling: all.handling,
      },
      equal: {
        ratioAlertBound: bound,
        minGroup,
        alert: ratios.some((r) => r.alert),
        byNationality: { domestic, foreign },
        bySize,
        ratios,
      },
    };
  }
}

/** Alert on a rate difference below this p-value (two-proportion z-test), whatever the ratio. */
const EQUAL_SIGNIFICANCE = 0.001;


function sampleOf(rows: GroupRow[], handling: { days: number; n: number }[]): Record<EqualMetric, Sample> {
  const sum = (k: keyof GroupRow) => rows.reduce((s, r) => s + Number(r[k]), 0);
  const rate = (part: number, whole: number): Sample => ({ value: whole > 0 ? part / whole : null, n: whole, part });
  const cases = sum('cases');
  const closedCount = handling.reduce((s, h) => s + h.n, 0);
  return {
    meanHandlingWorkingDays: { value: closedCount ? handling.reduce((s, h) => s + h.days * h.n, 0) / closedCount : null, n: closedCount },
    closingRate: rate(sum('closed'), cases),
    acceptanceRate: rate(sum('accepted'), sum('accepted') + sum('not_accepted')),
    favourableRate: rate(sum('favourable'), sum('decided')),
    meanPriority: { value: cases ? sum('priority_sum') / cases : null, n: cases },
  };
}


function sumBy<T extends { cases: number }>(rows: T[], key: (r: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.cases);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const STAGE_ORDER = [...STATE_STAGES, 'police_transfer_review.package_handover', 'police_transfer_review.reconsideration_decision'];
const stageOrder = (stage: string) => {
  const i = STAGE_ORDER.indexOf(stage);
  return i < 0 ? STAGE_ORDER.length : i;
};

/** Working days from one Asia/Shanghai date to another (the start day not counted; same day = 0). */
function memoWorkingDays(calendar: WorkingDayCalendar): (d0: string, d1: string) => number {
  const memo = new Map<string, number>();
  return (d0, d1) => {
    const k = `${d0}/${d1}`;
    let v = memo.get(k);
    if (v === undefined) memo.set(k, (v = Math.max(0, calendar.workingDaysBetween(d0, d1))));
    return v;
  };
}
