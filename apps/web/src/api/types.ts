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
  OrganizationKind,
  Outcome,
  Role,
  Route,
  TriageResult,
} from '@lyg/domain/model';
import type { PackageForCheck, PackageProofDocument } from '@lyg/domain/audit-proof';
import type { PrinciplesReport } from '@lyg/domain/model';

export type { ComplaintInput, TriageResult };

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  organizationId: string | null;
  displayName?: string;
  /** The account's language (`zh-CN` or `en`): the interface's until this browser chooses one. */
  language?: string;
  /** Signed in with a one-time password from an administrator: a new password comes first. */
  passwordChangeRequired?: boolean;
}

/** `GET /auth/me`: the signed-in account with its organisation as it is now. */
export interface Profile {
  userId: string;
  email: string;
  role: Role;
  organizationId: string | null;
  displayName: string;
  organization: { id: string; name: string; kind: string; uscc: string | null; regionCode: string | null } | null;
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
  /** The clock is stopped: `dueAt` moves out by the stopped time when it restarts. */
  paused?: boolean;
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
  /** The receiving organisation the case is with (police, customs, court), while it is. */
  transferredTo: string | null;
  /** When the receiving organisation that holds the case acknowledged receipt; null before. */
  acknowledgedAt: string | null;
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
  /** Staff only: names of the accounts and organisations the details name by id. */
  names?: Record<string, string>;
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
  /** `enterprise` (the complainant), `respondent`, or a staff role. */
  uploaderRole?: string;
  /** For the center's staff: whom it is shared with (receiving organisations, the respondent's answer link). */
  sharedWith?: { organizationIds: string[]; respondent: boolean };
}

export interface RegisteredEnterprise {
  uscc: string;
  name: string;
  industries: Industry[];
}

/** `GET /cases/stages`: the open cases the caller sees, by state and by flag. */
export interface CaseStages {
  cases: number;
  breached: number;
  stages: { state: string; cases: number; breached: number }[];
  flags: { flag: string; cases: number }[];
}

/** `GET /triage/rule-sets`: the sets triage judges by, the latest effective-from date first. */
export interface RuleSetList {
  ruleSets: { version: string; effectiveFrom: string; builtIn: boolean; inForce: boolean }[];
  reload: { checkedAt: string | null; problems: string[] };
}

/** `POST /triage/rule-sets/check`. */
export interface RuleSetCheck {
  acceptable: boolean;
  version: string | null;
  effectiveFrom: string | null;
  problems: { path: string; message: string }[];
  takesEffect: 'on_reload' | 'on_restart' | null;
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
  lastCheckpoint?: { seq: string; time: string; keyId: string; signatureValid: boolean; matches: boolean | null } | null;
  /** Why it failed (the server's words). */
  problem?: { code: string; seq: string | null; message: string } | null;
}

/**
 * `GET /metrics/principles`: its exact shape is the metrics engineer's; the dashboard reads what it recognises
 * (numbers and `{label: number}` maps per principle) and shows the rest as figures.
 */
/** `GET /metrics/principles`: one definition with the API's (libs/domain). */
export type PrinciplesMetrics = PrinciplesReport;

/** `GET /admin/organizations` (apps/api/src/admin/organizations.service.ts). */
export interface OrganizationView {
  id: string;
  name: string;
  kind: OrganizationKind;
  uscc: string | null;
  regionCode: string | null;
  roles: Role[];
  /** False once deactivated: its accounts cannot sign in, nothing is transferred to it. */
  active: boolean;
  users: { total: number; active: number };
  /** Cases transferred to it and not finished: deactivating it then needs a successor. */
  openTransfers: number;
  createdAt: string;
  warnings: CaseWarning[];
  /** Sent back as If-Match with an edit (412 when changed meanwhile). */
  revision: string;
}

export interface OrganizationInput {
  name: string;
  kind: OrganizationKind;
  uscc: string | null;
  regionCode: string | null;
}

/** `GET /admin/users` (apps/api/src/admin/users.service.ts). */
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
  organization: { id: string; name: string; kind: OrganizationKind } | null;
  language: Language;
  active: boolean;
  passwordChangeRequired: boolean;
  createdAt: string;
  /** Sent back as If-Match with an edit (412 when changed meanwhile). */
  revision: string;
}

export interface UserInput {
  email: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
  language: Language;
}

export interface UserListQuery {
  q?: string;
  role?: Role;
  organizationId?: string;
  active?: boolean;
  cursor?: string;
}

/** Creation and password reset: the one-time password is shown this once (null when a creation was replayed). */
export interface UserWithPassword {
  user: UserView;
  oneTimePassword: string | null;
}

/** `GET /staff`: an eligible assignee by name. */
export interface AgencyView {
  id: string;
  name: string;
  kind: 'police' | 'customs' | 'court';
}

export interface StaffMember {
  id: string;
  displayName: string;
  email: string;
  role: Role;
  organization: { id: string; name: string } | null;
}

export interface RespondentEvidence {
  id: string;
  kind: EvidenceKind;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** `GET /respond/:token` (apps/api/src/respond/respond.service.ts): what the respondent may see. */
export interface RespondentSummary {
  caseNumber: string | null;
  route: Route | null;
  complainant: { name: string };
  respondent: { name: string };
  ipRights: { type: string; number: string | null; title: string | null; holder: string | null; validUntil: string | null; niceClasses: number[] | null }[];
  infringement: { conducts: string[]; channel: string; firstKnownAt: string; description: string; urls: string[] };
  requestedRemedies: string[];
  deadlines: { stage: string; dueDate: string; dueAt: string }[];
  evidence: (RespondentEvidence & { url: string })[];
  answer: { statement: { minLength: number; maxLength: number }; files: { max: number; maxBytes: number; kinds: EvidenceKind[]; allowedTypes: string } };
}

/** `POST /respond/:token` → 201. */
export interface AnswerResult {
  caseNumber: string | null;
  respondentAnswer: string | null;
  answeredAt: string;
  statement: RespondentEvidence;
  evidence: RespondentEvidence[];
}

/** `GET /cases/:id/transfer-package`: the package's readers' view; the document as libs/domain's check reads it. */
export interface TransferPackage extends PackageForCheck {
  id: string;
  caseId: string;
  caseNumber: string | null;
  agency: string;
  organizationId: string;
  createdAt: string;
  pdf: { status: 'ready' | 'pending' | 'failed'; url: string; sha256: string | null; sizeBytes: number | null };
  document: PackageForCheck['document'] & {
    recipient: { agency: string; name: string };
    evidence: { id: string; fileName: string; sha256: string; sizeBytes: number }[];
  };
}

/** `GET /cases/:id/transfer-package/proof`: libs/domain's proof document. */
export type PackageProof = PackageProofDocument;

/** `GET /audit/public-keys`. */
export interface PublicKeyView {
  keyId: string;
  signing: boolean;
  publicKey: string;
  pem: string;
}

/** `GET /admin/mail-sink`: a message the embedded SMTP sink received (`npm start` without SMTP_URL). */
export interface SinkMessage {
  id: string;
  receivedAt: string;
  to: string[];
  subject: string;
}
