import { canonicalJson, sha256Hex } from '@lyg/audit';
import {
  type ActorRole,
  type CaseTriage,
  type ComplaintInput,
  type Effect,
  type EvidenceKind,
  isPatentType,
  type PriorCase,
  reminderAt,
  routeDefaults,
  STAGE_DEADLINES,
  triage,
  type TriageResult,
  type WorkingDayCalendar,
} from '@lyg/domain';
import { type MachineCache, type MachineNode, renderSnapshot } from './machine-cache';
import type { Org, Respondent } from './parties';
import type { Rng } from './random';

// One case's life, simulated from the draft to wherever it stands at `now`: the same commands the API and the
// worker run (claims, workflow actions, triage, deadline firings at their due time), with the statechart deciding
// every step and the same deadline bookkeeping as libs/workflow's effect runner. What comes out is exactly what
// those commands would have left in the database: the case row, its deadline rows and its audit entries.

export interface User {
  id: string;
  orgId: string | null;
}

export interface World {
  rng: Rng;
  machine: MachineCache;
  calendar: WorkingDayCalendar;
  now: number;
  staff: Record<'examiner' | 'supervisor' | 'officer' | 'mediator' | 'police' | 'court' | 'customs', User[]>;
  agencyOrg: Record<'police' | 'customs' | 'court', string>;
  /** Each staff user's role. */
  roles: Map<User, string>;
  registered: ReadonlySet<string>;
  stats: { refused: Map<string, number> };
  /** Mean number of extra evidence views per staff decision (the generator tunes it to reach the audit volume). */
  views: number;
}

/** One audit entry before it gets its place in the chain (seq, prevHash, hash are the writer's). */
export interface AuditDraft {
  at: number;
  caseId: string;
  actorId: string | null;
  actorRole: string;
  organizationId: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  payloadDigest: string;
  /** Canonical JSON: what the row stores and what the hash covers. */
  details: string;
  requestId: string | null;
  principles: string[];
  /** The step's own principles before the default applies (a submission's merge with triage's). */
  rawPrinciples?: string[];
}

export interface DeadlineRow {
  id: string;
  caseId: string;
  stage: string;
  clock: string;
  period: number;
  basis: string;
  startedAt: number;
  dueDate: string;
  dueAt: number;
  provisional: boolean;
  reminderAt: number;
  remindedAt: number | null;
  status: 'active' | 'paused' | 'met' | 'breached' | 'expired' | 'cancelled';
  onExpiry: string;
  pauses: { from: string; to: string | null }[];
  extension: number;
  firedAt: number | null;
  closedAt: number | null;
}

export interface EvidenceRow {
  id: string;
  caseId: string;
  kind: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  description: string | null;
  objectKey: string;
  uploadedBy: string;
  uploaderRole: string;
  uploadedAt: number;
}

export interface CaseRow {
  id: string;
  caseNumber: string | null;
  organizationId: string;
  createdBy: string;
  state: string;
  respondentAnswer: string | null;
  outcome: string | null;
  route: string | null;
  competentAgency: string | null;
  flags: string[];
  priority: number;
  complaint: string;
  triage: string | null;
  snapshot: string;
  assigneeId: string | null;
  transferredTo: string | null;
  respondentKey: string;
  respondentNameKey: string;
  complainantName: string;
  respondentName: string;
  dueAt: number | null;
  slaBreached: boolean;
  version: number;
  submittedAt: number | null;
  closedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface SimulatedCase {
  row: CaseRow;
  deadlines: DeadlineRow[];
  evidence: EvidenceRow[];
  audits: AuditDraft[];
}

const H = 3_600_000;
const DAY = 24 * H;
const SHANGHAI = 8 * H;
const NON_QUEUE_STAGES = new Set(['respondent_answer', 'judicial_confirmation']);
const PRINCIPLE_ORDER = ['strict', 'broad', 'fast', 'equal'];
const STRICT_FLAGS = ['repeat_infringer', 'punitive_damages_candidate', 'criminal_threshold_reached', 'criminal_threshold_near'];
const SYSTEM: User = { id: '', orgId: null };

/**
 * libs/audit `principlesFor`: the principles the writer names, plus a triage verdict's when the entry records one
 * (broad and equal, and strict for repeat or wilful infringement or a criminal threshold), else broad; fixed order.
 */
function principlesFor(action: string, details: Record<string, unknown>, given: readonly string[]): string[] {
  const served = new Set(PRINCIPLE_ORDER.filter((x) => given.includes(x)));
  const verdict = action === 'triage' ? details : details.triage;
  if (verdict && typeof verdict === 'object') {
    const flags = (verdict as { flags?: unknown }).flags;
    const list = Array.isArray(flags) ? flags.map(String) : [];
    for (const p of list.some((f) => STRICT_FLAGS.includes(f)) ? ['strict', 'broad', 'equal'] : ['broad', 'equal']) served.add(p);
  }
  if (!served.size) served.add('broad');
  return PRINCIPLE_ORDER.filter((p) => served.has(p));
}

const iso = (t: number) => new Date(t).toISOString();

const digests = new Map<string, string>();
/** sha256 of the canonical JSON of a small body; bodies repeat, so they are remembered. */
function bodyDigest(body: unknown): string {
  const text = canonicalJson(body ?? null);
  let d = digests.get(text);
  if (d === undefined) {
    d = sha256Hex(text);
    if (digests.size < 100_000) digests.set(text, d);
  }
  return d;
}

/** What an audit entry keeps in clear of a workflow command's body (libs/workflow `detailsOf`). */
function detailsOf(action: string, body: Record<string, unknown>, filed?: { complaintDigest: string; createdAt: number }): Record<string, unknown> {
  // The chain starts at filing: the submission records what was filed (its digest) and when the draft began.
  if ((action === 'submit' || action === 'resubmit') && filed) {
    return { action, complaintDigest: filed.complaintDigest, draftCreatedAt: iso(filed.createdAt) };
  }
  const keep = ['route', 'outcome', 'nextRoute', 'overrideReason', 'reason', 'items', 'stage', 'mediatorId'];
  const d: Record<string, unknown> = {};
  for (const k of keep) if (body[k] !== undefined) d[k] = body[k];
  return { action, ...d };
}

const REASONS = {
  reject: ['投诉事项已由人民法院受理，不属于本中心受理范围。', '投诉人未能证明其为权利人或利害关系人。', '被投诉行为发生地不在本市管辖范围内。'],
  correction: [
    { items: ['补充权利证书复印件'], message: '请在15日内补充权属证明。' },
    { items: ['补充购买凭证', '补充侵权比对说明'], message: '请在15日内补充侵权证据。' },
    { items: ['补充授权委托书'], message: '代理人请补充有效的授权委托书。' },
  ],
  override: ['经审查，证据已线下核验，调整处理路径。', '双方均有调解意愿，转入调解。', '涉案金额较大，转行政执法处理。'],
  decide: ['经比对，被控侵权产品落入专利权保护范围，侵权成立。', '被控侵权标识与注册商标构成近似，侵权成立。', '现有证据不足以认定侵权。'],
  decline: ['不属于本部门管辖。', '证据不足，不予立案。'],
  suspend: ['等待技术鉴定结论。', '等待权属确认诉讼结果。'],
  settle: ['双方达成调解协议：被投诉方停止销售并赔偿人民币二万元。', '双方达成和解：下架相关链接并支付许可费。'],
  mediationFailed: ['被投诉方拒绝调解。', '双方对赔偿数额分歧较大，调解不成。'],
  transfer: ['涉案金额超过刑事立案追诉标准，拟移送公安机关。'],
  rejectTransfer: ['尚未达到刑事立案追诉标准，继续行政查处。'],
  policeDecline: ['经审查，暂不符合立案条件。', '证据不足，不予立案。'],
  withdraw: ['双方已自行和解。', '投诉人决定通过诉讼解决。'],
  escalate: ['需要行政处罚，转行政执法。', '涉嫌犯罪，提请移送。'],
} as const;

type Pending =
  | { at: number; kind: 'event'; type: string; role: ActorRole; user: User; body: Record<string, unknown> }
  | { at: number; kind: 'claim' | 'release'; user: User };

/** Minimal bookkeeping of a case as the simulation walks it. */
class Sim {
  node: MachineNode;
  instants: string[] = [];
  deadlines: DeadlineRow[] = [];
  evidence: EvidenceRow[] = [];
  audits: AuditDraft[] = [];
  readonly complaintDigest: string;
  assignee: User | null = null;
  version = 1;
  slaBreached = false;
  transferredTo: string | null = null;
  closedAt: number | null = null;
  submittedAt: number | null = null;
  updatedAt: number;
  caseNumber: string | null = null;
  triageResult: TriageResult | null = null;
  /** The triage as the statechart was stepped with it, and as the snapshot stores it. */
  triageText: [string, string] | null = null;
  flags: string[] = [];
  priority = 0;
  dueAt: number | null = null;
  corrected = false;
  expertAsked = false;
  suspended = false;
  extended = false;
  acknowledged = false;
  stateRefusals = new Set<string>();
  readonly examiner: User;
  readonly officer: User;
  readonly mediator: User;
  readonly supervisor: User;

  constructor(
    readonly w: World,
    readonly id: string,
    readonly filer: Org,
    readonly complaint: ComplaintInput,
    public evidenceKinds: EvidenceKind[],
    readonly respondent: Respondent,
    readonly createdAt: number,
  ) {
    this.node = w.machine.root;
    this.updatedAt = createdAt;
    this.complaintDigest = sha256Hex(canonicalJson(complaint));
    this.examiner = w.rng.pick(w.staff.examiner);
    this.officer = w.rng.pick(w.staff.officer);
    this.mediator = w.rng.pick(w.staff.mediator);
    this.supervisor = w.rng.pick(w.staff.supervisor);
  }

  get state(): string {
    return this.node.state;
  }

  audit(at: number, actor: User | null, role: string, action: string, from: string | null, to: string | null, digest: string, details: unknown, principles: string[], requestId: string | null): void {
    this.audits.push({
      at,
      caseId: this.id,
      actorId: actor && actor.id ? actor.id : null,
      actorRole: role,
      organizationId: actor ? actor.orgId : null,
      action,
      fromState: from,
      toState: to,
      payloadDigest: digest,
      details: canonicalJson(details),
      requestId,
      principles,
    });
  }

  /** A workflow command at `t` (libs/workflow `perform` + `apply`); false when the statechart refuses it. */
  command(t: number, type: string, role: ActorRole, user: User, body: Record<string, unknown>, requestId: string | null): boolean {
    const edge = this.w.machine.step(this.node, type, role, body);
    if (!edge) {
      const key = `${this.state}|${type}`;
      this.w.stats.refused.set(key, (this.w.stats.refused.get(key) ?? 0) + 1);
      this.stateRefusals.add(key);
      return false;
    }
    const from = this.state;
    const details = detailsOf(type, body, { complaintDigest: this.complaintDigest, createdAt: this.createdAt });
    if (type === 'submit' && this.submittedAt === null) this.submittedAt = t;
    this.advance(t, edge.node);
    const own = this.audits.length;
    this.effects(t, edge.effects, user, role, type, from, bodyDigest(body), details, requestId);
    if (edge.effects.some((e) => e.type === 'run_triage')) this.runTriage(t, own);
    this.version++;
    this.updatedAt = t;
    this.recomputeDue();
    return true;
  }

  private advance(t: number, node: MachineNode): void {
    this.instants[node.depth - 1] = iso(t);
    if (node.state !== this.node.state) {
      // A new referral or transfer round is acknowledged afresh.
      if (node.state === 'customs_referral' || node.state === 'court_referral' || node.state === 'police_transfer_review.awaiting_approval') this.acknowledged = false;
    }
    this.node = node;
    if (node.terminal && this.closedAt === null) this.closedAt = t;
    if (!node.terminal) this.closedAt = null;
  }

  /** Triage in the submission's command; its verdict joins the submission's own audit entry (at index `own`). */
  private runTriage(t: number, own: number): void {
    const history: PriorCase[] = [];
    const h = this.respondent.history;
    for (let i = Math.max(0, h.length - 500); i < h.length; i++) {
      const p = h[i];
      if (p.caseNumber === this.caseNumber) continue;
      const closed = p.closedAt !== null && p.closedAt <= t;
      history.push({
        caseNumber: p.caseNumber,
        complainantUscc: p.complainantUscc,
        complainantName: p.complainantName,
        respondentUscc: this.respondent.uscc,
        respondentName: this.respondent.name,
        rightNumbers: p.rightNumbers,
        terminal: closed,
        outcome: closed ? p.outcome : null,
        closedAt: closed ? new Date(p.closedAt!) : null,
      });
    }
    history.reverse();
    const r = triage({
      complaint: this.complaint,
      evidenceKinds: [...new Set(this.evidence.map((e) => e.kind as EvidenceKind))],
      filingOrganization: { uscc: this.filer.uscc },
      registeredEnterprises: this.w.registered,
      respondentHistory: history,
      submittedAt: new Date(t),
      caseNumber: this.caseNumber,
    });
    const defaults = routeDefaults(this.complaint, new Date(t));
    const caseTriage: CaseTriage = {
      recommendedRoute: r.recommendedRoute,
      competentAgency: r.competentAgency,
      flags: r.flags,
      targetDays: r.targetDays,
      ruleSetVersion: r.ruleSetVersion,
      // What an override, escalation or returned transfer sends the case to, as the workflow keeps it.
      ...defaults,
    };
    // The statechart reads of the triage only the route, the agency, the target days and the repeat-infringer flag:
    // it steps with that much (so that cases share their paths), and the snapshot gets the full triage back.
    const reduced: CaseTriage = {
      recommendedRoute: r.recommendedRoute,
      competentAgency: r.competentAgency,
      flags: r.flags.includes('repeat_infringer') ? ['repeat_infringer'] : [],
      targetDays: r.targetDays,
      ruleSetVersion: '…',
      ...defaults,
    };
    this.triageText = [JSON.stringify(reduced), JSON.stringify(caseTriage)];
    const payload = { triage: reduced, patentDispute: this.complaint.ipRights.some((x) => isPatentType(x.type)) };
    const edge = this.w.machine.step(this.node, 'triage.completed', 'system', payload);
    if (!edge) throw new Error('triage.completed refused');
    this.triageResult = r;
    this.flags = r.flags;
    this.priority = r.priority;
    this.advance(t, edge.node);
    this.effects(t, edge.effects.filter((e) => e.type !== 'audit'), SYSTEM, 'system', 'triage', this.state, '', {}, null);
    const entry = this.audits[own];
    if (entry) {
      const triageDetails = { recommendedRoute: r.recommendedRoute, ruleSetVersion: r.ruleSetVersion, flags: r.flags, priority: r.priority };
      const raw = edge.effects.flatMap((e) => (e.type === 'audit' ? e.principles : []));
      const details = { ...(JSON.parse(entry.details) as Record<string, unknown>), triage: triageDetails };
      entry.toState = this.state;
      entry.details = canonicalJson(details);
      entry.principles = principlesFor(entry.action, details, [...entry.rawPrinciples!, ...raw]);
    }
  }

  private effects(t: number, effects: readonly Effect[], user: User, role: string, action: string, from: string, digest: string, details: Record<string, unknown>, requestId: string | null): void {
    const ordered = [...effects.filter((e) => e.type === 'make_transfer_package'), ...effects.filter((e) => e.type !== 'make_transfer_package')];
    for (const e of ordered) {
      switch (e.type) {
        case 'set_deadline':
          this.setDeadline(t, e.stage, e.period, e.clock, e.basis);
          break;
        case 'cancel_deadline':
          this.closeDeadline(t, e.stage);
          break;
        case 'pause_clock': {
          const row = this.openRow(e.stage);
          if (row && row.status !== 'paused') {
            row.status = 'paused';
            row.pauses = [...row.pauses, { from: iso(t), to: null }];
          }
          break;
        }
        case 'resume_clock': {
          const row = this.openRow(e.stage);
          if (row && row.status === 'paused') {
            row.pauses = row.pauses.map((p) => (p.to === null ? { ...p, to: iso(t) } : p));
            row.status = 'active';
            this.recompute(t, row);
          }
          break;
        }
        case 'extend_deadline': {
          const row = this.openRow(e.stage);
          if (row) {
            row.extension += e.period;
            this.recompute(t, row);
          }
          break;
        }
        case 'make_transfer_package':
          this.transferredTo = this.w.agencyOrg[e.agency];
          details.transferredTo = this.transferredTo;
          break;
        case 'audit':
          this.audit(t, user, role, action, from, this.state, digest, details, principlesFor(action, details, e.principles), requestId);
          this.audits[this.audits.length - 1].rawPrinciples = e.principles;
          break;
        default:
          break;
      }
    }
  }

  private openRow(stage: string): DeadlineRow | undefined {
    let found: DeadlineRow | undefined;
    for (const d of this.deadlines) if (d.stage === stage && (d.status === 'active' || d.status === 'paused') && (!found || d.startedAt >= found.startedAt)) found = d;
    return found;
  }

  private due(t: number, row: Pick<DeadlineRow, 'startedAt' | 'period' | 'extension' | 'clock' | 'pauses'>) {
    return this.w.calendar.computeDeadline({
      from: new Date(row.startedAt),
      period: row.period + row.extension,
      clock: row.clock as never,
      pauses: row.pauses,
      now: new Date(t),
    });
  }

  private setDeadline(t: number, stage: string, period: number, clock: string, basis: string): void {
    this.closeDeadline(t, stage);
    const def = (STAGE_DEADLINES as Record<string, { onExpiry: string }>)[stage];
    const row = { startedAt: t, period, extension: 0, clock, pauses: [] };
    const d = this.due(t, row);
    this.deadlines.push({
      id: this.w.rng.uuid(),
      caseId: this.id,
      stage,
      clock,
      period,
      basis,
      startedAt: t,
      dueDate: d.dueDate,
      dueAt: Date.parse(d.dueAt),
      provisional: d.provisional,
      reminderAt: Date.parse(reminderAt(new Date(t), d.dueAt)),
      remindedAt: null,
      status: 'active',
      onExpiry: def?.onExpiry ?? 'breach',
      pauses: [],
      extension: 0,
      firedAt: null,
      closedAt: null,
    });
  }

  /** The stage was left: met when on time, breached when past due; a breached row is closed too (stays breached). */
  private closeDeadline(t: number, stage: string): void {
    for (const d of this.deadlines) {
      if (d.stage !== stage || d.closedAt !== null || (d.status !== 'active' && d.status !== 'paused' && d.status !== 'breached')) continue;
      d.status = d.status === 'breached' || (d.status === 'active' && d.dueAt < t) ? 'breached' : 'met';
      d.closedAt = t;
    }
  }

  private recompute(t: number, row: DeadlineRow): void {
    const d = this.due(t, row);
    row.dueDate = d.dueDate;
    row.dueAt = Date.parse(d.dueAt);
    row.provisional = d.provisional;
    row.reminderAt = Date.parse(reminderAt(new Date(row.startedAt), d.dueAt));
  }

  private recomputeDue(): void {
    let min: number | null = null;
    // Open rows, breached included (an overdue case is the most urgent); stopped clocks do not order the queue.
    for (const d of this.deadlines) {
      if ((d.status === 'active' || d.status === 'breached') && d.closedAt === null && !NON_QUEUE_STAGES.has(d.stage) && (min === null || d.dueAt < min)) min = d.dueAt;
    }
    this.dueAt = min;
  }

  /** The worker's firing of a due deadline row (libs/workflow `fireDeadline`). */
  fire(t: number, row: DeadlineRow): void {
    row.firedAt = t;
    row.status = row.onExpiry === 'transition' ? 'expired' : row.onExpiry === 'breach' ? 'breached' : 'met';
    if (row.onExpiry !== 'breach') row.closedAt = t;
    const body = { stage: row.stage };
    const edge = this.w.machine.step(this.node, 'deadline.expired', 'system', body);
    if (!edge) return;
    if (row.onExpiry === 'breach') this.slaBreached = true;
    const from = this.state;
    this.advance(t, edge.node);
    this.effects(t, edge.effects, SYSTEM, 'system', 'deadline.expired', from, bodyDigest(body), detailsOf('deadline.expired', body), null);
    this.version++;
    this.updatedAt = t;
    this.recomputeDue();
  }

  /** An evidence upload (apps/api EvidenceService `add`): the row and its audit entry. */
  addEvidence(t: number, kind: EvidenceKind, uploader: User, role: string, requestId: string): void {
    const { rng } = this.w;
    const [name, type] = EVIDENCE_FILES[kind] ?? ['证据材料.pdf', 'application/pdf'];
    const id = rng.uuid();
    let sha = '';
    for (let i = 0; i < 8; i++) sha += Math.floor(rng.next() * 4294967296).toString(16).padStart(8, '0');
    const row: EvidenceRow = {
      id,
      caseId: this.id,
      kind,
      fileName: name,
      contentType: type,
      sizeBytes: Math.max(2048, Math.round(rng.logNormal(type === 'application/pdf' ? 900_000 : 1_600_000, 0.9))),
      sha256: sha,
      description: rng.chance(0.3) ? EVIDENCE_NOTES[rng.int(EVIDENCE_NOTES.length)] : null,
      objectKey: `cases/${this.id}/${id}`,
      uploadedBy: uploader.id,
      uploaderRole: role,
      uploadedAt: t,
    };
    this.evidence.push(row);
    const payload = { evidenceId: id, kind, fileName: row.fileName, description: row.description, sha256: sha };
    const details = { evidenceId: id, kind, contentType: row.contentType, sizeBytes: row.sizeBytes, sha256: sha, objectKey: row.objectKey, versionId: null, retainUntil: null };
    this.audit(t, uploader, role, 'evidence_added', this.state, this.state, sha256Hex(canonicalJson(payload)), details, ['strict'], requestId);
  }

  /** Staff open some of the case's files before deciding (apps/api EvidenceService `download`, audited). */
  viewEvidence(t: number, viewer: User, role: string, count: number, requestId: () => string): void {
    for (let i = 0; i < count && this.evidence.length; i++) {
      const e = this.evidence[this.w.rng.int(this.evidence.length)];
      const at = Math.max(this.updatedAt + 1000 + i, t - (count - i) * (20_000 + this.w.rng.int(120_000)));
      const details = { evidenceId: e.id, objectKey: e.objectKey, versionId: null, sha256: e.sha256, sizeBytes: e.sizeBytes };
      this.audit(at, viewer, role, 'evidence_downloaded', this.state, this.state, bodyDigest({ evidenceId: e.id }), details, ['strict'], requestId());
    }
  }

  /** A queue assignment (apps/api QueueService): claim or release, audited, not a state change. */
  assign(t: number, kind: 'claim' | 'release', user: User, role: string, requestId: string): void {
    const assigneeId = kind === 'claim' ? user.id : null;
    this.assignee = kind === 'claim' ? user : null;
    this.version++;
    this.updatedAt = t;
    this.audit(t, user, role, kind, this.state, this.state, bodyDigest({ assigneeId }), { assigneeId }, ['fast'], requestId);
  }
}

/** Inputs of one case: who files what against whom, and when. */
export interface CaseSeed {
  id: string;
  filer: Org;
  creatorId: string;
  complaint: ComplaintInput;
  evidenceKinds: EvidenceKind[];
  respondent: Respondent;
  createdAt: number;
  /** Null: the draft is never submitted. */
  submitAt: number | null;
  /** Complaint edits saved between creation and submission. */
  edits: number;
  caseNumberFor: (submittedAt: number) => string;
}

const SECTIONS = ['complainant', 'respondent', 'ipRights', 'infringement', 'requestedRemedies'] as const;

const EVIDENCE_FILES: Partial<Record<EvidenceKind, [string, string]>> = {
  right_certificate: ['权利证书.pdf', 'application/pdf'],
  infringement_evidence: ['侵权产品照片.jpg', 'image/jpeg'],
  purchase_record: ['购买发票.jpg', 'image/jpeg'],
  screenshot: ['网页截图.png', 'image/png'],
  notarial_certificate: ['公证书.pdf', 'application/pdf'],
  authorization_letter: ['授权委托书.pdf', 'application/pdf'],
  patent_evaluation_report: ['专利权评价报告.pdf', 'application/pdf'],
  expert_opinion: ['鉴定意见.pdf', 'application/pdf'],
};
const EVIDENCE_NOTES = ['公证购买取得', '门店现场拍摄', '电商平台页面截图', '权利人出具'];

export function simulateCase(w: World, seed: CaseSeed): SimulatedCase {
  const { rng } = w;
  const s = new Sim(w, seed.id, seed.filer, seed.complaint, seed.evidenceKinds, seed.respondent, seed.createdAt);
  const enterprise: User = { id: seed.creatorId, orgId: seed.filer.id };
  const rid = () => rng.uuid();
  // The draft is the filer's private work (not audited): its edits only count versions. The files added to it are
  // evidence rows with their own audit entries.
  const editEnd = seed.submitAt ?? Math.min(w.now, seed.createdAt + rng.logNormal(2, 1.2) * H);
  const uploads = [...seed.evidenceKinds];
  if (seed.evidenceKinds.includes('infringement_evidence') && rng.chance(0.4)) uploads.push('purchase_record');
  uploads.forEach((kind, i) => {
    const t = Math.floor(seed.createdAt + ((i + 1) / (uploads.length + 1)) * (editEnd - seed.createdAt));
    if (t <= w.now) s.addEvidence(t, kind, enterprise, 'enterprise', rid());
  });
  for (let i = 0; i < seed.edits; i++) {
    const t = Math.floor(seed.createdAt + ((i + 1) / (seed.edits + 1)) * (editEnd - seed.createdAt));
    if (t > w.now) break;
    s.version++;
    s.updatedAt = Math.max(s.updatedAt, t);
  }

  if (seed.submitAt !== null && seed.submitAt <= w.now) {
    // Triage runs before the number is drawn (one UPDATE takes it at the end of the submission).
    s.command(seed.submitAt, 'submit', 'enterprise', enterprise, {}, rid());
    s.caseNumber = seed.caseNumberFor(seed.submitAt);
    let pending: Pending | null = null;
    let planned = '';
    for (let guard = 0; guard < 200; guard++) {
      if (!pending || planned !== s.state) {
        pending = nextStep(w, s, enterprise);
        planned = s.state;
      }
      let next: DeadlineRow | null = null;
      for (const d of s.deadlines) if (d.status === 'active' && (!next || d.dueAt < next.dueAt)) next = d;
      const fireAt = next ? next.dueAt + 1000 + rng.int(30_000) : Infinity;
      const actAt = pending ? pending.at : Infinity;
      if (Math.min(fireAt, actAt) > w.now) break;
      if (next && fireAt <= actAt) {
        const before = s.state;
        s.fire(fireAt, next);
        if (s.state !== before) pending = null;
        continue;
      }
      const p = pending!;
      pending = null;
      if (p.kind === 'event') {
        before(w, s, p, enterprise, rid);
        if (s.command(p.at, p.type, p.role, p.user, p.body, rid())) afterStep(w, s, p);
      } else {
        s.assign(p.at, p.kind, p.user, w.roles.get(p.user) ?? 'examiner', rid());
      }
      if (s.node.terminal) break;
    }
    // The respondent opened the answer link (an audit entry of the respond service).
    if (s.node.respondentAnswer !== 'none' && seed.respondent.contactEmail && rng.chance(0.55)) {
      const notified = s.audits.find((a) => a.action === 'accept' || a.action === 'mediation_failed' || a.action === 'escalate');
      const t = notified ? notified.at + rng.logNormal(30, 1) * H : Infinity;
      if (t < w.now) s.audit(Math.floor(t), null, 'respondent', 'respondent_notice_viewed', notified!.toState, notified!.toState, bodyDigest({}), {}, ['equal'], rid());
    }
  }

  // The worker's 80 % reminders of periods that were still running then.
  for (const d of s.deadlines) {
    const end = Math.min(d.closedAt ?? Infinity, d.firedAt ?? Infinity, w.now);
    if (d.reminderAt < end) d.remindedAt = d.reminderAt + 1000 + rng.int(20_000);
  }
  s.audits.sort((a, b) => a.at - b.at);

  const ctxRow: CaseRow = {
    id: s.id,
    caseNumber: s.submittedAt === null ? null : s.caseNumber,
    organizationId: seed.filer.id,
    createdBy: seed.creatorId,
    state: s.state,
    respondentAnswer: s.node.respondentAnswer,
    outcome: s.node.outcome,
    route: s.node.route,
    competentAgency: s.node.competentAgency,
    flags: s.flags,
    priority: s.priority,
    complaint: JSON.stringify(seed.complaint),
    triage: s.triageResult ? JSON.stringify(s.triageResult) : null,
    snapshot: s.triageText ? renderSnapshot(s.node, s.instants).replace(s.triageText[0], s.triageText[1]) : renderSnapshot(s.node, s.instants),
    assigneeId: s.assignee?.id ?? null,
    transferredTo: s.transferredTo,
    respondentKey: seed.respondent.key,
    respondentNameKey: seed.respondent.nameKey,
    complainantName: seed.complaint.complainant.name,
    respondentName: seed.respondent.name,
    dueAt: s.dueAt,
    slaBreached: s.slaBreached,
    version: s.version,
    submittedAt: s.submittedAt,
    closedAt: s.closedAt,
    createdAt: seed.createdAt,
    updatedAt: s.updatedAt,
  };
  for (const a of s.audits) delete a.rawPrinciples;
  return { row: ctxRow, deadlines: s.deadlines, evidence: s.evidence, audits: s.audits };
}

/** Staff act in office hours on working days (Asia/Shanghai): `hours` of elapsed time, then the next office moment. */
function office(w: World, t: number, medianHours: number, sigma: number): number {
  let x = t + w.rng.logNormal(medianHours, sigma) * H;
  for (let i = 0; i < 30; i++) {
    const local = x + SHANGHAI;
    const dayStart = local - (local % DAY);
    const hour = (local - dayStart) / H;
    if (w.calendar.isWorkingDay(new Date(dayStart - SHANGHAI + 12 * H)) && hour >= 8.5 && hour < 17.5) return Math.floor(x);
    // Next morning, 08:30–10:30.
    x = (hour < 8.5 ? dayStart : dayStart + DAY) - SHANGHAI + 8.5 * H + w.rng.next() * 2 * H;
  }
  return Math.floor(x);
}

/** Enterprises act at any hour, mostly by day. */
function anyTime(w: World, t: number, medianHours: number, sigma: number): number {
  let x = t + w.rng.logNormal(medianHours, sigma) * H;
  const hour = ((x + SHANGHAI) % DAY) / H;
  if (hour < 7) x += (8 - hour + w.rng.next() * 3) * H;
  return Math.floor(x);
}

/** What happens just before a command: staff open the files they decide on; a corrected complaint gets its papers. */
function before(w: World, s: Sim, p: Pending & { kind: 'event' }, enterprise: User, rid: () => string): void {
  if (p.type === 'resubmit') {
    // The filer answers the correction request: edits the complaint (audited now that it is filed) and adds what
    // was missing.
    const sections = w.rng.some(SECTIONS, 2);
    const patch: Record<string, unknown> = {};
    for (const k of sections) patch[k] = s.complaint[k];
    s.version++;
    s.audit(Math.max(s.updatedAt + 1000, p.at - 600_000 - w.rng.int(3 * H)), enterprise, 'enterprise', 'edit_complaint', s.state, s.state, sha256Hex(canonicalJson(patch)), { sections }, ['broad'], rid());
    const have = new Set(s.evidence.map((e) => e.kind));
    const need: EvidenceKind[] = ['right_certificate', 'infringement_evidence'];
    if (s.filer.agent || s.complaint.complainant.uscc === null) need.push('authorization_letter');
    need.filter((k) => !have.has(k)).forEach((k, i) => s.addEvidence(Math.max(s.updatedAt + 2000 + i, p.at - (i + 1) * 300_000), k, enterprise, 'enterprise', rid()));
    return;
  }
  if (!VIEWING.has(p.type) || p.role === 'enterprise') return;
  const n = w.rng.poisson(w.views) + (p.role === 'examiner' && p.type !== 'decide' ? 1 : 0);
  s.viewEvidence(p.at, p.user, p.role, n, rid);
}

/** Decisions made on the files: the decider opens some of them first. */
const VIEWING = new Set(['accept', 'reject', 'request_correction', 'decide', 'file_case', 'decline_filing', 'record_agreement', 'mediation_failed', 'approve_transfer', 'reject_transfer']);

function afterStep(_w: World, s: Sim, p: Pending & { kind: 'event' }): void {
  if (p.type === 'request_correction') s.corrected = true;
  if (p.type === 'request_expert_opinion') s.expertAsked = true;
  if (p.type === 'suspend') s.suspended = true;
  if (p.type === 'extend') s.extended = true;
  if (p.type === 'acknowledge') s.acknowledged = true;
}

const ev = (at: number, type: string, role: ActorRole, user: User, body: Record<string, unknown> = {}): Pending => ({ at, kind: 'event', type, role, user, body });

/** What happens next in the case's current stage, and when: the policy of the people working it. */
function nextStep(w: World, s: Sim, enterprise: User): Pending | null {
  const { rng } = w;
  const t = s.updatedAt;
  const refused = (type: string) => s.stateRefusals.has(`${s.state}|${type}`);
  const withdraw = (p: number): Pending | null => (rng.chance(p) && !refused('withdraw') ? ev(anyTime(w, t, 72, 1), 'withdraw', 'enterprise', enterprise, { reason: rng.pick(REASONS.withdraw) }) : null);
  /** The stage's worker takes the case from whoever had it. */
  const handOver = (to: User): Pending | null => {
    if (s.assignee === to) return null;
    if (s.assignee) return { at: t + 60_000 + rng.int(600_000), kind: 'release', user: s.assignee };
    return { at: office(w, t, 6, 1), kind: 'claim', user: to };
  };
  switch (s.state) {
    case 'screening': {
      if (!s.assignee) return { at: office(w, t, 16, 1.1), kind: 'claim', user: s.examiner };
      const w1 = withdraw(0.01);
      if (w1) return w1;
      const at = office(w, t, 2.5, 1.2);
      const rec = s.triageResult?.recommendedRoute ?? 'fast_track';
      if (!s.corrected && (rec === 'return_for_correction' || rng.chance(0.04))) {
        const c = rng.pick(REASONS.correction);
        return ev(at, 'request_correction', 'examiner', s.examiner, { items: [...c.items], message: c.message });
      }
      if (rec === 'not_accepted' || (rec === 'return_for_correction' && rng.chance(0.5))) return ev(at, 'reject', 'examiner', s.examiner, { reason: rng.pick(REASONS.reject) });
      if (rec === 'return_for_correction' || refused('accept') || rng.chance(0.06)) {
        const route = rng.weighted([['administrative_enforcement', 4], ['mediation', 3], ['fast_track', 2], ['court_referral', 1]] as const);
        if (route !== rec) return ev(at, 'accept', 'examiner', s.examiner, { route, overrideReason: rng.pick(REASONS.override) });
      }
      return ev(at, 'accept', 'examiner', s.examiner, {});
    }
    case 'awaiting_correction':
      return rng.chance(0.72) ? ev(anyTime(w, t, 60, 1), 'resubmit', 'enterprise', enterprise) : withdraw(0.1);
    case 'fast_track.examining': {
      const targetDays = s.triageResult?.targetDays ?? 30;
      if (!s.expertAsked && rng.chance(0.15)) return ev(office(w, t, 36, 1), 'request_expert_opinion', 'examiner', s.examiner);
      if (rng.chance(0.03)) return ev(office(w, t, 72, 1), 'escalate', 'examiner', s.examiner, { route: rng.pick(['administrative_enforcement', 'administrative_enforcement', 'police_transfer_review', 'court_referral', 'mediation']), reason: rng.pick(REASONS.escalate) });
      const w1 = withdraw(0.025);
      if (w1) return w1;
      const outcome = rng.chance(0.76) ? 'infringement_established' : 'not_established';
      return ev(office(w, t, targetDays * 24 * 0.4, 0.55), 'decide', 'examiner', s.examiner, { outcome, summary: rng.pick(REASONS.decide) });
    }
    case 'fast_track.awaiting_expert':
      return ev(office(w, t, 9 * 24, 0.5), 'expert_opinion_received', 'examiner', s.examiner);
    case 'administrative_enforcement.filing_review': {
      const h = handOver(s.officer);
      if (h) return h;
      if (!s.extended && rng.chance(0.03)) return ev(office(w, t, 48, 1), 'extend', 'supervisor', s.supervisor, { reason: '案情复杂，申请延长立案审查期限。' });
      const w1 = withdraw(0.02);
      if (w1) return w1;
      if (rng.chance(0.86)) return ev(office(w, t, 4 * 24, 0.8), 'file_case', 'officer', s.officer);
      return ev(office(w, t, 5 * 24, 0.8), 'decline_filing', 'officer', s.officer, { reason: rng.pick(REASONS.decline) });
    }
    case 'administrative_enforcement.investigating': {
      const h = handOver(s.officer);
      if (h) return h;
      if (!s.suspended && rng.chance(0.06)) return ev(office(w, t, 10 * 24, 0.8), 'suspend', 'officer', s.officer, { reason: rng.pick(REASONS.suspend) });
      if (s.complaint.infringement.conducts.includes('counterfeiting') && rng.chance(0.15)) return ev(office(w, t, 7 * 24, 0.8), 'propose_transfer', 'officer', s.officer, { reason: rng.pick(REASONS.transfer) });
      const outcome = rng.weighted([['penalized', 60], ['infringement_established', 15], ['not_established', 25]] as const);
      return ev(office(w, t, 38 * 24, 0.5), 'decide', 'officer', s.officer, { outcome, summary: rng.pick(REASONS.decide) });
    }
    case 'administrative_enforcement.suspended':
      return ev(office(w, t, 20 * 24, 0.6), 'resume', 'officer', s.officer);
    case 'mediation.assigning': {
      if (s.assignee) return { at: t + 60_000 + rng.int(600_000), kind: 'release', user: s.assignee };
      const w1 = withdraw(0.02);
      if (w1) return w1;
      return ev(office(w, t, 10, 0.9), 'assign_mediator', 'supervisor', s.supervisor, { mediatorId: s.mediator.id });
    }
    case 'mediation.mediating': {
      if (!s.assignee) return { at: t + 5 * 60_000 + rng.int(3 * H), kind: 'claim', user: s.mediator };
      const r = rng.next();
      if (r < 0.58) return ev(office(w, t, 15 * 24, 0.8), 'record_agreement', 'mediator', s.mediator, { summary: rng.pick(REASONS.settle) });
      if (r < 0.94) return ev(office(w, t, 18 * 24, 0.8), 'mediation_failed', 'mediator', s.mediator, { reason: rng.pick(REASONS.mediationFailed), nextRoute: rng.chance(0.6) ? 'administrative_enforcement' : 'court_referral' });
      return ev(anyTime(w, t, 10 * 24, 0.8), 'withdraw', 'enterprise', enterprise, { reason: rng.pick(REASONS.withdraw) });
    }
    case 'police_transfer_review.awaiting_approval':
      return rng.chance(0.86)
        ? ev(office(w, t, 10, 0.9), 'approve_transfer', 'supervisor', s.supervisor)
        : ev(office(w, t, 10, 0.9), 'reject_transfer', 'supervisor', s.supervisor, { reason: rng.pick(REASONS.rejectTransfer) });
    case 'police_transfer_review.awaiting_police_decision': {
      const police = rng.pick(w.staff.police);
      if (!s.acknowledged && !refused('acknowledge')) return ev(office(w, t, 6, 0.8), 'acknowledge', 'police', police);
      if (rng.chance(0.7)) return ev(office(w, t, 30, 0.7), 'police_file_case', 'police', police);
      return ev(office(w, t, 30, 0.7), 'police_decline', 'police', police, { reason: rng.pick(REASONS.policeDecline) });
    }
    case 'police_transfer_review.declined':
      return rng.chance(0.35) && !refused('request_reconsideration') ? ev(office(w, t, 16, 0.5), 'request_reconsideration', 'supervisor', s.supervisor, { reason: '移送材料已补充，申请复议。' }) : null;
    case 'customs_referral':
    case 'court_referral': {
      const role = s.state === 'customs_referral' ? 'customs' : 'court';
      const agent = rng.pick(w.staff[role]);
      if (!s.acknowledged && !refused('acknowledge')) return ev(office(w, t, 10, 0.8), 'acknowledge', role, agent);
      const w1 = withdraw(0.01);
      if (w1) return w1;
      const outcome = role === 'customs' ? (rng.chance(0.65) ? 'customs_detained' : 'customs_no_action') : rng.chance(0.7) ? 'court_filed' : 'court_not_filed';
      return ev(office(w, t, (role === 'customs' ? 6 : 20) * 24, 0.6), 'report_outcome', role, agent, { outcome });
    }
    default:
      return null;
  }
}
