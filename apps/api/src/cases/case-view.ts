import type { CaseDeadline, CaseWarning, IpCase } from '@lyg/database';
import type { Clock, ComplaintInput, CompetentAgency, Flag, Outcome, Route, TriageResult } from '@lyg/domain';

export interface DeadlineView {
  stage: string;
  dueDate: string;
  dueAt: string;
  clock: Clock;
  provisional: boolean;
  breached: boolean;
  /** The clock is stopped (a correction, a suspension, an expert opinion awaited): `dueAt` moves out when it restarts. */
  paused: boolean;
}

/** contract.md `Case`, plus what the UI needs to act (allowed actions, answer region, priority). */
export interface CaseView {
  id: string;
  caseNumber: string | null;
  state: string;
  respondentAnswer: string | null;
  outcome: Outcome | null;
  version: number;
  complaint: ComplaintInput;
  triage: TriageResult | null;
  route: Route | null;
  competentAgency: CompetentAgency | null;
  flags: Flag[];
  priority: number;
  assignee: string | null;
  /** The receiving organisation the case is transferred or referred to (police, customs, court), while it is. */
  transferredTo: string | null;
  /** When the receiving organisation that holds the case acknowledged receipt (or decided); null before, or when none holds it. */
  acknowledgedAt: string | null;
  slaBreached: boolean;
  deadlines: DeadlineView[];
  warnings: CaseWarning[];
  allowedActions: string[];
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `2026-12-03T00:00:00+08:00`: instants are shown in Asia/Shanghai, where the periods are counted. */
export function shanghaiIso(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

export function deadlineView(d: CaseDeadline): DeadlineView {
  return {
    stage: d.stage,
    dueDate: d.dueDate,
    dueAt: shanghaiIso(d.dueAt),
    clock: d.clock,
    provisional: d.provisional,
    breached: d.status === 'breached',
    paused: d.status === 'paused',
  };
}

/** The receipt the snapshot's context records (a decision counts as receipt), as an instant in Asia/Shanghai. */
function acknowledgedAt(c: IpCase): string | null {
  const at = (c.snapshot as { context?: { agencyAcknowledgedAt?: string | null } } | null)?.context?.agencyAcknowledgedAt;
  return at ? shanghaiIso(new Date(at)) : null;
}

export function caseView(c: IpCase, deadlines: CaseDeadline[], allowedActions: string[]): CaseView {
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    state: c.state,
    respondentAnswer: c.respondentAnswer,
    outcome: c.outcome,
    version: c.version,
    complaint: c.complaint,
    triage: c.triage,
    route: c.route,
    competentAgency: c.competentAgency,
    flags: c.flags,
    priority: c.priority,
    assignee: c.assigneeId,
    transferredTo: c.transferredTo,
    acknowledgedAt: c.transferredTo ? acknowledgedAt(c) : null,
    slaBreached: c.slaBreached,
    deadlines: deadlines.map(deadlineView),
    warnings: c.warnings,
    allowedActions,
    submittedAt: c.submittedAt ? c.submittedAt.toISOString() : null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
