// The API's JSON shapes (contract.md and the controllers in apps/api/src), written by hand for the browser. The
// complaint and triage types are the domain's own, so a change there breaks the UI's type check, not its users.
import type {
  Clock,
  ComplaintInput,
  CompetentAgency,
  EvidenceKind,
  Flag,
  Industry,
  Language,
  Outcome,
  Role,
  Route,
  TriageResult,
} from '@lyg/domain/model';

export type { ComplaintInput, TriageResult };

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  organizationId: string | null;
}

export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: SessionUser;
}

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** RFC 9457 problem document as the API sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  instance?: string;
  errors?: FieldProblem[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface DeadlineView {
  stage: string;
  dueDate: string;
  dueAt: string;
  clock: Clock;
  provisional: boolean;
  breached: boolean;
}

export interface CaseWarning {
  field: string;
  code: string;
}

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
  slaBreached: boolean;
  deadlines: DeadlineView[];
  warnings: CaseWarning[];
  allowedActions: string[];
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CaseListQuery {
  state?: string;
  route?: Route;
  flag?: Flag;
  assignee?: 'me';
  q?: string;
  sort?: 'due' | 'recent';
  limit?: number;
  cursor?: string;
}

export interface HistoryItem {
  seq: string;
  at: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  actorRole: string;
  principles: string[];
  details: Record<string, unknown>;
  hash?: string;
}

export interface EvidenceView {
  id: string;
  caseId: string;
  kind: EvidenceKind;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  description: string | null;
  uploadedAt: string;
  uploadedBy: string | null;
}

export interface RegisteredEnterprise {
  uscc: string;
  name: string;
  industries: Industry[];
}

export interface CalendarYear {
  year: number;
  known: boolean;
  holidays: { from: string; to: string }[];
  workdays: string[];
}

export interface OutboxItem {
  id: string;
  caseId: string | null;
  template: string;
  subject: string | null;
  recipient: string;
  language: Language;
  messageId: string;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

export interface AuditVerification {
  valid: boolean;
  checkedEntries: number;
  firstBadSeq?: string | number | null;
  lastCheckpoint?: unknown;
}

/**
 * `GET /metrics/principles`: its exact shape is the metrics engineer's; the dashboard reads what it recognises
 * (numbers and `{label: number}` maps per principle) and shows the rest as figures.
 */
export type PrinciplesMetrics = Record<string, unknown>;
