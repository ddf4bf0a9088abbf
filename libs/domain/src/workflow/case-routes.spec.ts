import type { CaseEventType } from './case-events';
import type { TransitionAccepted } from './case-transition';
import { transition } from './case-transition';
import type { Effect } from './effect';
import { caseAt, eventOf, step, T0, triageRecommending, type PayloadOf } from './testing';
import type { ActorRole } from './case-actor';
import type { PersistedCaseSnapshot } from './case-snapshot';

/** A case driven step by step, keeping the last result so a scenario can look at its effects. */
class Walk {
  last: TransitionAccepted | null = null;
  constructor(public snapshot: PersistedCaseSnapshot) {}

  then<T extends CaseEventType>(type: T, role: ActorRole, payload: PayloadOf<T>, now: string = T0): this {
    this.last = step(this.snapshot, type, role, payload, now);
    this.snapshot = this.last.snapshot;
    return this;
  }

  get state() {
    return this.last?.state;
  }

  get effects(): Effect[] {
    return this.last?.effects ?? [];
  }

  get outcome() {
    return this.snapshot.context.outcome;
  }
}

const from = (...args: Parameters<typeof caseAt>) => new Walk(caseAt(...args));
/** Deadline effects in short: `set_deadline screening 5 working_days`, `pause_clock screening`. */
const deadlines = (effects: Effect[]) =>
  effects.flatMap((e) => {
    switch (e.type) {
      case 'set_deadline':
        return [`${e.type} ${e.stage} ${e.period} ${e.clock}`];
      case 'extend_deadline':
        return [`${e.type} ${e.stage} ${e.period}`];
      case 'cancel_deadline':
      case 'pause_clock':
      case 'resume_clock':
        return [`${e.type} ${e.stage}`];
      default:
        return [];
    }
  });
const notices = (effects: Effect[]) =>
  effects.flatMap((e) => (e.type === 'notify' ? [`${e.template} → ${e.to}`] : []));
const auditOf = (effects: Effect[]) => effects.at(-1);

describe('a complaint from draft to screening', () => {
  it('submission starts the 5-working-day screening clock, runs triage and acknowledges receipt', () => {
    const walk = from('draft').then('submit', 'enterprise', {});
    expect(walk.state).toBe('screening');
    expect(walk.effects).toEqual([
      {
        type: 'set_deadline',
        stage: 'screening',
        period: 5,
        clock: 'working_days',
        basis: expect.stringContaining('SAMR complaint rules Art. 14'),
      },
      { type: 'run_triage' },
      { type: 'notify', template: 'submission_acknowledged', to: 'complainant' },
      { type: 'audit', principles: ['fast'] },
    ]);
    expect(walk.snapshot.context.submittedAt).toBe(T0);
  });

  it('a correction request stops the screening clock and gives the complainant 15 calendar days', () => {
    const walk = from('screening').then('request_correction', 'examiner', { items: ['ipRights[0].number'], message: 'fix' });
    expect(walk.state).toBe('awaiting_correction');
    expect(deadlines(walk.effects)).toEqual([
      'pause_clock screening',
      'set_deadline awaiting_correction 15 calendar_days',
    ]);
    expect(walk.effects).toContainEqual({
      type: 'notify',
      template: 'correction_requested',
      to: 'complainant',
      data: { items: ['ipRights[0].number'], message: 'fix' },
    });
    expect(auditOf(walk.effects)).toEqual({ type: 'audit', principles: ['fast', 'equal'] });
  });

  it('a resubmission goes back to screening, re-runs triage and restarts the stopped screening clock', () => {
    const walk = from('awaiting_correction').then('resubmit', 'enterprise', {});
    expect(walk.state).toBe('screening');
    expect(deadlines(walk.effects)).toEqual(['cancel_deadline awaiting_correction', 'resume_clock screening']);
    expect(walk.effects).toContainEqual({ type: 'run_triage' });
  });

  it('a correction period that runs out makes the complaint deemed withdrawn, with no outcome and no clock left', () => {
    const walk = from('awaiting_correction').then('deadline.expired', 'system', { stage: 'awaiting_correction' });
    expect(walk.state).toBe('withdrawn');
    expect(walk.outcome).toBeNull();
    expect(walk.snapshot.context.closedAt).toBe(T0);
    // The correction period's own row closed by firing; the stopped screening clock has nothing left to time.
    expect(deadlines(walk.effects)).toEqual(['cancel_deadline screening']);
    expect(notices(walk.effects)).toEqual(['complaint_deemed_withdrawn → complainant']);
  });

  it('a rejected complaint is not accepted, and the rejection is an equal-protection decision', () => {
    const walk = from('screening').then('reject', 'examiner', { reason: 'no valid right' });
    expect(walk.state).toBe('not_accepted');
    expect(notices(walk.effects)).toEqual(['complaint_not_accepted → complainant']);
    expect(auditOf(walk.effects)).toEqual({ type: 'audit', principles: ['fast', 'equal'] });
  });

  it('an examiner who overrides triage records why, and the override is audited as equal protection', () => {
    const walk = from('screening', { triage: triageRecommending('fast_track') }).then('accept', 'examiner', {
      route: 'mediation',
      overrideReason: 'both parties asked for mediation',
    });
    expect(walk.state).toBe('mediation.assigning');
    expect(walk.snapshot.context).toMatchObject({ route: 'mediation', competentAgency: 'mediation_committee' });
    expect(auditOf(walk.effects)).toEqual({ type: 'audit', principles: ['fast', 'equal'] });
  });
});

describe('fast track (protection center)', () => {
  it('accepted as recommended: the examining period is triage’s targetDays from acceptance', () => {
    const walk = from('screening', { triage: triageRecommending('fast_track', { targetDays: 10 }) }).then(
      'accept',
      'examiner',
      {},
    );
    expect(walk.state).toBe('fast_track.examining');
    expect(deadlines(walk.effects)).toEqual([
      'cancel_deadline screening',
      'set_deadline fast_track.examining 10 calendar_days',
      'set_deadline respondent_answer 15 calendar_days',
    ]);
    expect(notices(walk.effects)).toEqual(['complaint_accepted → complainant', 'respondent_notice → respondent']);
    expect(walk.snapshot.context).toMatchObject({ route: 'fast_track', competentAgency: 'protection_center', acceptedAt: T0 });
  });

  it('an expert opinion stops the clock until it arrives, then the examiner decides: closed, infringement established', () => {
    const walk = from('fast_track.examining').then('request_expert_opinion', 'examiner', {});
    expect(walk.state).toBe('fast_track.awaiting_expert');
    expect(deadlines(walk.effects)).toEqual(['pause_clock fast_track.examining']);

    walk.then('expert_opinion_received', 'examiner', {});
    expect(walk.state).toBe('fast_track.examining');
    expect(deadlines(walk.effects)).toEqual(['resume_clock fast_track.examining']);

    walk.then('decide', 'examiner', { outcome: 'infringement_established', summary: 'same design' });
    expect(walk.state).toBe('closed');
    expect(walk.outcome).toBe('infringement_established');
    expect(deadlines(walk.effects)).toEqual(['cancel_deadline fast_track.examining', 'cancel_deadline respondent_answer']);
    expect(walk.effects).toContainEqual({
      type: 'notify',
      template: 'case_decided',
      to: 'complainant',
      data: { outcome: 'infringement_established', summary: 'same design' },
    });
    // The respondent reads the same decision, in the decider's words.
    expect(walk.effects).toContainEqual({ type: 'notify', template: 'case_decided', to: 'respondent', data: { outcome: 'infringement_established', summary: 'same design' } });
  });

  it('a decision against a respondent triage flagged as a repeat infringer is audited as strict protection', () => {
    const triage = triageRecommending('fast_track', { flags: ['repeat_infringer'] });
    const walk = from('fast_track.examining', { triage }).then('decide', 'examiner', {
      outcome: 'infringement_established',
      summary: 'again',
    });
    expect(auditOf(walk.effects)).toEqual({ type: 'audit', principles: ['strict', 'fast'] });
  });

  it('escalation to mediation moves the case on without notifying the respondent a second time', () => {
    const walk = from('fast_track.examining').then('escalate', 'examiner', { route: 'mediation', reason: 'parties talk' });
    expect(walk.state).toBe('mediation.assigning');
    expect(walk.last?.respondentAnswer).toBe('notified');
    expect(deadlines(walk.effects)).toEqual([
      'cancel_deadline fast_track.examining',
      'set_deadline mediation.assigning 3 working_days',
    ]);
    expect(notices(walk.effects)).toEqual(['route_changed → complainant', 'mediator_assignment_requested → supervisor']);
  });

  it('escalation while an expert opinion is awaited cancels the stopped examining clock', () => {
    const walk = from('fast_track.awaiting_expert').then('escalate', 'examiner', {
      route: 'court_referral',
      reason: 'damages only',
    });
    expect(walk.state).toBe('court_referral');
    expect(deadlines(walk.effects)).toEqual([
      'cancel_deadline fast_track.examining',
      'set_deadline court_referral 7 calendar_days',
    ]);
    expect(walk.effects).toContainEqual({ type: 'make_transfer_package', agency: 'court' });
  });
});

describe('administrative enforcement', () => {
  it('filed, investigated, suspended and resumed, then penalized: every clock set, stopped, restarted and closed', () => {
    const walk = from('administrative_enforcement.filing_review');
    expect(walk.snapshot.context).toMatchObject({ route: 'administrative_enforcement', competentAgency: 'market_regulation' });

    walk.then('file_case', 'officer', {});
    expect(walk.state).toBe('administrative_enforcement.investigating');
    expect(deadlines(walk.effects)).toEqual([
      'cancel_deadline administrative_enforcement.filing_review',
      'set_deadline administrative_enforcement.investigating 90 calendar_days',
    ]);
    expect(notices(walk.effects)).toEqual(['enforcement_case_filed → complainant']);

    walk.then('suspend', 'officer', { reason: 'appraisal of the samples' });
    expect(walk.state).toBe('administrative_enforcement.suspended');
    expect(deadlines(walk.effects)).toEqual(['pause_clock administrative_enforcement.investigating']);

    walk.then('resume', 'officer', {});
    expect(walk.state).toBe('administrative_enforcement.investigating');
    expect(deadlines(walk.effects)).toEqual(['resume_clock administrative_enforcement.investigating']);

    walk.then('decide', 'officer', { outcome: 'penalized', summary: 'fined 50,000 CNY' });
    expect(walk.state).toBe('closed');
    expect(walk.outcome).toBe('penalized');
    expect(deadlines(walk.effects)).toEqual([
      'cancel_deadline administrative_enforcement.investigating',
      'cancel_deadline respondent_answer',
    ]);
  });

  it('the enforcement bureau is the one triage named (copyright bureau for a copyright)', () => {
    const triage = triageRecommending('administrative_enforcement', { competentAgency: 'copyright_bureau' });
    expect(caseAt('administrative_enforcement.filing_review', { triage }).context.competentAgency).toBe('copyright_bureau');
  });

  it('a declined filing closes the case as not filed', () => {
    const walk = from('administrative_enforcement.filing_review').then('decline_filing', 'officer', { reason: 'no jurisdiction' });
    expect(walk.state).toBe('closed');
    expect(walk.outcome).toBe('not_filed');
    expect(walk.effects).toContainEqual({
      type: 'notify',
      template: 'enforcement_filing_declined',
      to: 'complainant',
      data: { reason: 'no jurisdiction' },
    });
  });

  it('a proposed transfer stops the investigation clock; a refused transfer resumes the investigation', () => {
    const walk = from('administrative_enforcement.investigating').then('propose_transfer', 'officer', {});
    expect(walk.state).toBe('police_transfer_review.awaiting_approval');
    expect(deadlines(walk.effects)).toEqual([
      'pause_clock administrative_enforcement.investigating',
      'set_deadline police_transfer_review.awaiting_approval 3 calendar_days',
    ]);
    expect(notices(walk.effects)).toEqual(['transfer_approval_requested → supervisor']);
    expect(auditOf(walk.effects)).toEqual({ type: 'audit', principles: ['strict', 'broad', 'fast'] });

    walk.then('reject_transfer', 'supervisor', { reason: 'below the criminal threshold' });
    expect(walk.state).toBe('administrative_enforcement.investigating');
    expect(walk.snapshot.context.route).toBe('administrative_enforcement');
    expect(deadlines(walk.effects)).toEqual([
      'cancel_deadline police_transfer_review.awaiting_approval',
      'resume_clock administrative_enforcement.investigating',
    ]);
    expect(notices(walk.effects)).toEqual(['transfer_rejected → assignee_or_queue']);
    // The officer reads why.
    expect(walk.effects).toContainEqual({ type: 'notify', template: 'transfer_rejected', to: 'assignee_or_queue', data: { reason: 'below the criminal threshold' } });
  });
});

describe('mediation', () => {
  it('a supervisor assigns a mediator, the parties settle: closed as settled with a judicial-confirmation reminder', () => {
    const walk = from('mediation.assigning').then('assign_mediator', 'supervisor', { mediatorId: 'mediator-7' });
    expect(walk.state).toBe('mediation.mediating');
    expect(walk.snapshot.context.mediatorId).toBe('mediator-7');
    expect(deadlines(walk.effects)).toEqual([
      'cancel_deadline mediation.assigning',
      'set_deadline mediation.mediating 45 working_days',
    ]);
    expect(walk.effects).toContainEqual({
      type: 'notify',
      template: 'mediator_assigned',
      to: 'assignee',
      data: { mediatorId: 'mediator-7' },
    });

    walk.then('record_agreement', 'mediator', { summary: 'licence at 3 %' });
    expect(walk.state).toBe('closed');
    expect(walk.outcome).toBe('settled');
    expect(deadlines(walk.effects)).toEqual([
      'cancel_deadline mediation.mediating',
      'cancel_deadline respondent_answer',
      'set_deadline judicial_confirmation 30 calendar_days',
    ]);
    expect(notices(walk.effects)).toEqual(['mediation_settled → complainant', 'mediation_settled → respondent']);
  });

  it('a mediator may be assigned from the queue without naming one', () => {
    const walk = from('mediation.assigning').then('assign_mediator', 'supervisor', {});
    expect(walk.snapshot.context.mediatorId).toBeNull();
  });

  it('failed mediation goes to the court with a package for it', () => {
    const walk = from('mediation.mediating').then('mediation_failed', 'mediator', {
      reason: 'no agreement',
      nextRoute: 'court_referral',
    });
    expect(walk.state).toBe('court_referral');
    expect(walk.snapshot.context).toMatchObject({ route: 'court_referral', competentAgency: 'court' });
    expect(walk.effects).toContainEqual({ type: 'make_transfer_package', agency: 'court' });
    expect(notices(walk.effects)).toEqual(['mediation_failed → complainant', 'referral_received → agency']);
    // The respondent's answer period, started on acceptance, runs on: the answer still belongs in the file.
    expect(deadlines(walk.effects)).toEqual(['cancel_deadline mediation.mediating', 'set_deadline court_referral 7 calendar_days']);
    expect(auditOf(walk.effects)).toEqual({ type: 'audit', principles: ['broad', 'fast'] });

    walk.then('acknowledge', 'court', {}).then('report_outcome', 'court', { outcome: 'court_not_filed' });
    expect(walk.state).toBe('closed');
    expect(walk.outcome).toBe('court_not_filed');
  });

  it('failed mediation can go to administrative enforcement, starting at the filing review', () => {
    const walk = from('mediation.mediating').then('mediation_failed', 'mediator', {
      reason: 'respondent walked out',
      nextRoute: 'administrative_enforcement',
    });
    expect(walk.state).toBe('administrative_enforcement.filing_review');
    expect(walk.last?.respondentAnswer).toBe('notified');
  });
});

describe('police transfer review (administrative–criminal linkage)', () => {
  it('approved, acknowledged and filed by the police: closed as transferred_criminal', () => {
    const walk = from('police_transfer_review.awaiting_approval');
    expect(walk.snapshot.context).toMatchObject({ route: 'police_transfer_review', competentAgency: 'police' });

    walk.then('approve_transfer', 'supervisor', {});
    expect(walk.state).toBe('police_transfer_review.awaiting_police_decision');
    expect(walk.effects).toContainEqual({ type: 'make_transfer_package', agency: 'police' });
    expect(deadlines(walk.effects)).toEqual([
      'cancel_deadline police_transfer_review.awaiting_approval',
      'set_deadline police_transfer_review.package_handover 24 hours',
    ]);
    expect(notices(walk.effects)).toEqual(['case_transferred → agency', 'case_transferred → complainant']);
    expect(auditOf(walk.effects)).toEqual({ type: 'audit', principles: ['strict', 'broad', 'fast'] });

    walk.then('acknowledge', 'police', {});
    expect(walk.state).toBe('police_transfer_review.awaiting_police_decision');
    expect(deadlines(walk.effects)).toEqual([
      'cancel_deadline police_transfer_review.package_handover',
      'set_deadline police_transfer_review.awaiting_police_decision 3 calendar_days',
    ]);

    walk.then('police_file_case', 'police', {});
    expect(walk.state).toBe('closed');
    expect(walk.outcome).toBe('transferred_criminal');
    expect(deadlines(walk.effects)).toEqual(['cancel_deadline police_transfer_review.awaiting_police_decision']);
    // The complainant and the center's side (who holds the case) both learn of the filing.
    expect(notices(walk.effects)).toEqual(['police_case_filed → complainant', 'police_case_filed → assignee']);
  });

  it('declined, reconsideration requested within 3 days, then filed by the police', () => {
    const walk = from('police_transfer_review.awaiting_police_decision').then('acknowledge', 'police', {});
    walk.then('police_decline', 'police', { reason: 'amount not proven' });
    expect(walk.state).toBe('police_transfer_review.declined');
    expect(walk.snapshot.context.declinedAt).toBe(T0);
    expect(deadlines(walk.effects)).toEqual([
      'cancel_deadline police_transfer_review.awaiting_police_decision',
      'set_deadline police_transfer_review.reconsideration_request 3 calendar_days',
    ]);
    expect(walk.effects).toContainEqual({
      type: 'notify',
      template: 'police_declined',
      to: 'supervisor',
      data: { reason: 'amount not proven' },
    });

    walk.then('request_reconsideration', 'supervisor', {}, '2026-11-27T09:00:00+08:00');
    expect(walk.state).toBe('police_transfer_review.awaiting_police_decision');
    expect(deadlines(walk.effects)).toEqual([
      'cancel_deadline police_transfer_review.reconsideration_request',
      'set_deadline police_transfer_review.reconsideration_decision 3 calendar_days',
    ]);
    expect(notices(walk.effects)).toEqual(['reconsideration_requested → agency']);

    walk.then('police_file_case', 'police', {});
    expect(walk.outcome).toBe('transferred_criminal');
  });

  it('a decline upheld on reconsideration is final: the case, never filed, goes to the filing review', () => {
    const walk = from('police_transfer_review.declined')
      .then('request_reconsideration', 'supervisor', {})
      .then('police_decline', 'police', { reason: 'still no crime' });
    expect(walk.state).toBe('administrative_enforcement.filing_review');
    expect(walk.snapshot.context).toMatchObject({ route: 'administrative_enforcement', competentAgency: 'market_regulation' });
    // Only now is the case on a route that hears the respondent.
    expect(notices(walk.effects)).toEqual(['police_decline_final → assignee_or_queue', 'route_changed → complainant', 'respondent_notice → respondent']);
    expect(deadlines(walk.effects)).toEqual([
      'cancel_deadline police_transfer_review.reconsideration_decision',
      'set_deadline administrative_enforcement.filing_review 15 working_days',
      'set_deadline respondent_answer 15 calendar_days',
    ]);
    expect(walk.last?.respondentAnswer).toBe('notified');
  });

  it('no reconsideration asked in time: the expiry makes the decline final and a filed investigation resumes', () => {
    const walk = from('administrative_enforcement.investigating')
      .then('propose_transfer', 'officer', {})
      .then('approve_transfer', 'supervisor', {})
      .then('police_decline', 'police', { reason: 'no crime' });
    expect(walk.state).toBe('police_transfer_review.declined');
    expect(walk.snapshot.context.agencyAcknowledgedAt).toBe(T0);

    walk.then('deadline.expired', 'system', { stage: 'police_transfer_review.reconsideration_request' });
    expect(walk.state).toBe('administrative_enforcement.investigating');
    expect(deadlines(walk.effects)).toEqual(['resume_clock administrative_enforcement.investigating']);
  });

  it('a refused transfer of a case accepted straight into transfer review starts the enforcement filing review', () => {
    const walk = from('police_transfer_review.awaiting_approval').then('reject_transfer', 'supervisor', {
      reason: 'administrative penalty suffices',
    });
    expect(walk.state).toBe('administrative_enforcement.filing_review');
  });

  it('a new transfer round forgets the receipt, decline and reconsideration of the last one', () => {
    const walk = from('administrative_enforcement.investigating')
      .then('propose_transfer', 'officer', {})
      .then('approve_transfer', 'supervisor', {})
      .then('police_decline', 'police', { reason: 'no crime' })
      .then('request_reconsideration', 'supervisor', {})
      .then('police_decline', 'police', { reason: 'still no crime' })
      .then('propose_transfer', 'officer', {});
    expect(walk.snapshot.context).toMatchObject({
      agencyAcknowledgedAt: null,
      declinedAt: null,
      reconsiderationRequestedAt: null,
    });
    walk.then('approve_transfer', 'supervisor', {}).then('police_decline', 'police', { reason: 'again' });
    expect(walk.state).toBe('police_transfer_review.declined');
  });
});

describe('referrals to customs and the court', () => {
  it('customs: package sent, receipt acknowledged within 3 working days, detention reported → closed', () => {
    const walk = from('screening', { triage: triageRecommending('customs_referral') }).then('accept', 'examiner', {});
    expect(walk.state).toBe('customs_referral');
    expect(walk.snapshot.context).toMatchObject({ route: 'customs_referral', competentAgency: 'customs' });
    expect(walk.effects).toContainEqual({ type: 'make_transfer_package', agency: 'customs' });
    expect(deadlines(walk.effects)).toEqual(['cancel_deadline screening', 'set_deadline customs_referral 3 working_days']);
    expect(walk.last?.respondentAnswer).toBeNull();
    expect(auditOf(walk.effects)).toEqual({ type: 'audit', principles: ['broad', 'fast', 'equal'] });

    walk.then('acknowledge', 'customs', {});
    expect(deadlines(walk.effects)).toEqual(['cancel_deadline customs_referral']);
    expect(notices(walk.effects)).toEqual(['agency_acknowledged → assignee']);

    walk.then('report_outcome', 'customs', { outcome: 'customs_detained' });
    expect(walk.state).toBe('closed');
    expect(walk.outcome).toBe('customs_detained');
    expect(walk.effects).toContainEqual({
      type: 'notify',
      template: 'agency_outcome_reported',
      to: 'complainant',
      data: { outcome: 'customs_detained' },
    });
    expect(notices(walk.effects)).toEqual(['agency_outcome_reported → complainant', 'agency_outcome_reported → assignee']);
  });

  it('court: the 7-day filing decision runs on after the acknowledgement and ends with the reported outcome', () => {
    const walk = from('court_referral').then('acknowledge', 'court', {});
    expect(deadlines(walk.effects)).toEqual([]);
    walk.then('report_outcome', 'court', { outcome: 'court_filed' });
    expect(walk.outcome).toBe('court_filed');
    expect(deadlines(walk.effects)).toEqual(['cancel_deadline court_referral']);
  });
});

describe('withdrawal by the complainant', () => {
  it.each([
    ['draft', []],
    ['screening', ['cancel_deadline screening']],
    ['awaiting_correction', ['cancel_deadline screening', 'cancel_deadline awaiting_correction']],
    ['fast_track.awaiting_expert', ['cancel_deadline fast_track.examining', 'cancel_deadline respondent_answer']],
    [
      'administrative_enforcement.filing_review',
      ['cancel_deadline administrative_enforcement.filing_review', 'cancel_deadline respondent_answer'],
    ],
    ['mediation.mediating', ['cancel_deadline mediation.mediating', 'cancel_deadline respondent_answer']],
    ['customs_referral', ['cancel_deadline customs_referral']],
    ['court_referral', ['cancel_deadline court_referral']],
  ] as const)('from %s: closed as withdrawn, every open deadline cancelled', (state, cancelled) => {
    const walk = from(state).then('withdraw', 'enterprise', { reason: 'settled privately' });
    expect(walk.state).toBe('closed');
    expect(walk.outcome).toBe('withdrawn');
    expect(deadlines(walk.effects)).toEqual(cancelled);
    expect(notices(walk.effects)).toContain('case_withdrawn → assignee');
  });

  it('a referral withdrawn is also notified to the receiving agency', () => {
    const walk = from('customs_referral').then('withdraw', 'enterprise', {});
    expect(notices(walk.effects)).toEqual(['case_withdrawn → assignee', 'case_withdrawn → complainant', 'case_withdrawn → agency']);
  });

  it('a filed enforcement case proceeds ex officio: withdrawal is refused as not allowed in the state', () => {
    const result = transition(caseAt('administrative_enforcement.investigating'), eventOf('withdraw', 'enterprise', {}));
    expect(result).toMatchObject({ ok: false, reason: 'not_allowed_in_state' });
  });

  it('a filed patent dispute may be withdrawn by the requester', () => {
    const walk = from('administrative_enforcement.suspended', { patentDispute: true }).then('withdraw', 'enterprise', {});
    expect(walk.outcome).toBe('withdrawn');
    expect(deadlines(walk.effects)).toEqual([
      'cancel_deadline administrative_enforcement.investigating',
      'cancel_deadline respondent_answer',
    ]);
  });

  it.each(['police_transfer_review.awaiting_approval', 'police_transfer_review.declined'] as const)(
    'a suspected crime is transferred whatever the complainant wants: no withdrawal in %s',
    (state) => {
      expect(transition(caseAt(state), eventOf('withdraw', 'enterprise', {}))).toMatchObject({
        ok: false,
        reason: 'not_allowed_in_state',
      });
    },
  );
});

describe('terminal states', () => {
  it.each(['not_accepted', 'withdrawn', 'closed'] as const)('%s accepts no action and no deadline firing', (state) => {
    const snapshot = caseAt(state);
    expect(transition(snapshot, eventOf('withdraw', 'enterprise', {}))).toMatchObject({ ok: false, reason: 'not_allowed_in_state' });
    expect(transition(snapshot, eventOf('deadline.expired', 'system', { stage: 'screening' }))).toMatchObject({
      ok: false,
      reason: 'not_allowed_in_state',
    });
  });
});
