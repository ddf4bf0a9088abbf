import type { GroupFigures, PrinciplesReport } from './principles.service';

/** One figure a line: `principle,metric,dimension,group,value`, with the period on every line (RFC 4180). */
export const CSV_HEADER = ['from', 'to', 'principle', 'metric', 'dimension', 'group', 'value'];

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote what needs it; a leading = + - @ would be a formula in a spreadsheet, so such text is prefixed.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function principlesCsv(r: PrinciplesReport): string {
  const lines: unknown[][] = [];
  const add = (principle: string, metric: string, dimension: string, group: string, value: unknown) =>
    lines.push([r.period.from, r.period.to, principle, metric, dimension, group, value]);

  add('all', 'cases_submitted', '', '', r.cases.submitted);
  add('all', 'cases_closed', '', '', r.cases.closed);

  add('strict', 'repeat_infringer_cases', '', '', r.strict.repeatInfringerCases);
  add('strict', 'punitive_damages_candidates', '', '', r.strict.punitiveDamagesCandidates);
  add('strict', 'criminal_threshold_cases', '', '', r.strict.criminalThresholdCases);
  add('strict', 'criminal_threshold_near_cases', '', '', r.strict.criminalThresholdNearCases);
  for (const [k, v] of Object.entries(r.strict.policeTransfers)) add('strict', `police_transfers_${k}`, '', '', v);

  for (const x of r.broad.byRoute) add('broad', 'cases', 'route', x.route, x.cases);
  for (const x of r.broad.byCompetentAgency) add('broad', 'cases', 'competent_agency', x.competentAgency, x.cases);
  for (const t of r.broad.transfers) {
    add('broad', 'transfers', 'agency', t.agency, t.transfers);
    add('broad', 'transfers_acknowledged', 'agency', t.agency, t.acknowledged);
    add('broad', 'transfers_acknowledged_on_time', 'agency', t.agency, t.acknowledgedOnTime);
    add('broad', 'transfers_on_time_share', 'agency', t.agency, t.onTimeShare);
    add('broad', 'transfers_unacknowledged_past_deadline', 'agency', t.agency, t.unacknowledgedPastDeadline);
    add('broad', 'acknowledgement_hours_median', 'agency', t.agency, t.medianAckHours);
    add('broad', 'acknowledgement_hours_p90', 'agency', t.agency, t.p90AckHours);
  }
  for (const [k, v] of Object.entries(r.broad.mediations)) add('broad', `mediations_${snake(k)}`, '', '', v);

  for (const s of r.fast.stages) {
    add('fast', 'deadlines_met', 'stage', s.stage, s.deadlines.met);
    add('fast', 'deadlines_breached', 'stage', s.stage, s.deadlines.breached);
    add('fast', 'deadlines_met_share', 'stage', s.stage, s.deadlines.shareMet);
    add('fast', 'time_in_stage_completed', 'stage', s.stage, s.timeInStage.completed);
    add('fast', 'time_in_stage_median_working_days', 'stage', s.stage, s.timeInStage.medianWorkingDays);
    add('fast', 'time_in_stage_p90_working_days', 'stage', s.stage, s.timeInStage.p90WorkingDays);
    add('fast', 'breaches_open_now', 'stage', s.stage, s.openBreachesNow);
  }
  add('fast', 'deadlines_met_share', '', '', r.fast.deadlines.shareMet);
  add('fast', 'breaches_open_now', '', '', r.fast.breachesOpenNow);
  add('fast', 'closing_rate', '', '', r.fast.closingRate.rate);
  add('fast', 'handling_median_working_days', '', '', r.fast.handling.medianWorkingDays);
  add('fast', 'handling_p90_working_days', '', '', r.fast.handling.p90WorkingDays);

  const group = (dimension: string, name: string, f: GroupFigures) => {
    add('equal', 'cases', dimension, name, f.cases);
    add('equal', 'closing_rate', dimension, name, f.closingRate);
    add('equal', 'acceptance_rate', dimension, name, f.acceptanceRate);
    add('equal', 'favourable_rate', dimension, name, f.favourableRate);
    add('equal', 'mean_priority', dimension, name, f.meanPriority);
    add('equal', 'handling_mean_working_days', dimension, name, f.handling.meanWorkingDays);
    add('equal', 'handling_median_working_days', dimension, name, f.handling.medianWorkingDays);
  };
  group('nationality', 'domestic', r.equal.byNationality.domestic);
  group('nationality', 'foreign', r.equal.byNationality.foreign);
  for (const [size, f] of Object.entries(r.equal.bySize)) group('size', size, f);
  for (const x of r.equal.ratios) {
    add('equal', `ratio_${snake(x.metric)}`, x.dimension, x.between ? x.between.join('/') : '', x.ratio);
    add('equal', `ratio_${snake(x.metric)}_alert`, x.dimension, x.between ? x.between.join('/') : '', x.alert);
    if (x.pValue !== null) add('equal', `ratio_${snake(x.metric)}_p_value`, x.dimension, x.between ? x.between.join('/') : '', x.pValue);
    if (x.insufficient) add('equal', `ratio_${snake(x.metric)}_insufficient`, x.dimension, x.between ? x.between.join('/') : '', true);
  }
  add('equal', 'ratio_alert_bound', '', '', r.equal.ratioAlertBound);
  add('equal', 'min_group', '', '', r.equal.minGroup);
  add('equal', 'alert', '', '', r.equal.alert);

  return [CSV_HEADER, ...lines].map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
