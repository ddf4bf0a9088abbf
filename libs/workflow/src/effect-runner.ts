import type { AuditFact } from '@lyg/audit';
import { CaseDeadline, deferWrite, type IpCase, prepared } from '@lyg/database';
import {
  AppError,
  type CaseActor,
  type CaseState,
  type CaseTriage,
  type CompetentAgency,
  type ComplaintInput,
  type Effect,
  enforcementBureauOf,
  type Language,
  type Route,
  STAGE_DEADLINES,
  type WorkingDayCalendar,
  queueRolesOf,
  reminderAt,
} from '@lyg/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { respondentAnswerLink } from './respondent-token';
import { makeTransferPackage } from './transfer-package';

/** Who and what one command is about, for the effects it carries out. */
export interface EffectScope {
  m: EntityManager;
  calendar: WorkingDayCalendar;
  caseRow: IpCase;
  actor: CaseActor;
  now: Date;
  requestId: string | null;
  action: string;
  fromState: string;
  toState: string;
  payload: unknown;
  details: Record<string, unknown>;
  /**
   * Audit facts of this command, appended by the caller at the very end of the transaction: the chain's lock is
   * then held only for the append itself, not for the whole command.
   */
  audits: AuditFact[];
  /** Notices of this command, written by `writeNotices` once the case row is final (it may get its number last). */
  notices: { template: string; to: string; data: Record<string, unknown>; toState: string }[];
  /** Deadlines set by this command, by stage, for the notices that announce them. */
  deadlinesSet: Map<string, { dueDate: string; dueAt: string }>;
  /** Base URL of the web UI, for links in notices. */
  publicUrl: string;
}

/** The deadline a notice to `to` announces: the respondent's answer period, the complainant's correction period, else the stage's. */
function announcedDeadline(scope: EffectScope, to: string): { dueDate: string; dueAt: string } | undefined {
  const set = scope.deadlinesSet;
  if (to === 'respondent') return set.get('respondent_answer');
  if (to === 'complainant') return set.get('awaiting_correction') ?? set.get('screening');
  for (const [stage, d] of set) if (stage !== 'respondent_answer' && stage !== 'judicial_confirmation') return d;
  return undefined;
}

const MAIL_HOST = 'ipcenter.lyg.example';

/**
 * Carries out the statechart's effects inside the command's transaction: deadline rows, outbox mail, the audit
 * entry. Everything commits together with the new snapshot or not at all.
 */
export async function runEffects(scope: EffectScope, effects: readonly Effect[]): Promise<void> {
  // The receiving organisation is set first, so that notices to the agency in the same step reach it.
  const ordered = [...effects.filter((e) => e.type === 'make_transfer_package'), ...effects.filter((e) => e.type !== 'make_transfer_package')];
  for (const effect of ordered) {
    switch (effect.type) {
      case 'set_deadline':
        await setDeadline(scope, effect.stage, effect.period, effect.clock, effect.basis);
        break;
      case 'cancel_deadline':
        await closeDeadline(scope, effect.stage);
        break;
      case 'pause_clock':
        await pauseDeadline(scope, effect.stage);
        break;
      case 'resume_clock':
        await resumeDeadline(scope, effect.stage);
        break;
      case 'extend_deadline':
        await extendDeadline(scope, effect.stage, effect.period);
        break;
      case 'notify':
        scope.notices.push({ template: effect.template, to: effect.to, data: { ...(effect.data ?? {}) }, toState: scope.toState });
        break;
      case 'make_transfer_package':
        await transferTo(scope, effect.agency, effect.organizationId);
        await shareChosenEvidence(scope);
        await makeTransferPackage(scope, effect.agency);
        break;
      case 'audit':
        scope.audits.push({
          caseId: scope.caseRow.id,
          actorId: scope.actor.userId,
          actorRole: scope.actor.role,
          organizationId: scope.actor.organizationId,
          action: scope.action,
          fromState: scope.fromState,
          toState: scope.toState,
          payload: scope.payload,
          details: scope.details,
          requestId: scope.requestId,
          principles: effect.principles,
          at: scope.now,
        });
        break;
      case 'run_triage':
        // Handled by the workflow service: it needs the database facts and a second transition.
        break;
    }
  }
}

/** The fields of a stage's newest open deadline row that a resume or an extension recomputes from. */
type OpenRow = Pick<CaseDeadline, 'id' | 'startedAt' | 'period' | 'extension' | 'clock' | 'pauses' | 'status'>;

const OPEN_ROW_SQL = prepared(
  `SELECT id, started_at AS "startedAt", period, extension, clock, pauses, status FROM case_deadline
    WHERE case_id = $1 AND stage = $2 AND status IN ('active', 'paused') ORDER BY started_at DESC LIMIT 1`,
);

async function openRow(m: EntityManager, caseId: string, stage: string): Promise<OpenRow | null> {
  const rows: OpenRow[] = await m.query(OPEN_ROW_SQL, [caseId, stage]);
  return rows[0] ?? null;
}

function computeDue(scope: EffectScope, row: Pick<CaseDeadline, 'startedAt' | 'period' | 'extension' | 'clock' | 'pauses'>) {
  return scope.calendar.computeDeadline({
    from: row.startedAt,
    period: row.period + row.extension,
    clock: row.clock,
    pauses: row.pauses,
    now: scope.now,
  });
}

async function setDeadline(scope: EffectScope, stage: string, period: number, clock: CaseDeadline['clock'], basis: string): Promise<void> {
  const def = (STAGE_DEADLINES as Record<string, { onExpiry: CaseDeadline['onExpiry'] }>)[stage];
  const row = { startedAt: scope.now, period, extension: 0, clock, pauses: [] };
  const due = computeDue(scope, row);
  scope.deadlinesSet.set(stage, { dueDate: due.dueDate, dueAt: due.dueAt });
  // A stage entered again (e.g. screening after a resubmission) starts a new period: the old row is closed (as
  // `closeDeadline` does) and the new one written in one statement. The UPDATE sees the rows as they were before the
  // statement, so it never touches the row being inserted.
  await deferWrite(
    scope.m,
    `WITH closed AS (${CLOSE_SQL})
     INSERT INTO case_deadline (id, case_id, stage, clock, period, basis, started_at, due_date, due_at, provisional, reminder_at,
       reminded_at, status, on_expiry, pauses, extension, fired_at, closed_at)
     VALUES ($4, $1, $2, $5, $6, $7, $3, $8, $9, $10, $11, NULL, 'active', $12, '[]', 0, NULL, NULL)`,
    [
      scope.caseRow.id, stage, scope.now, randomUUID(), clock, period, basis, due.dueDate, new Date(due.dueAt), due.provisional,
      new Date(reminderAt(scope.now, due.dueAt)), def?.onExpiry ?? 'breach',
    ],
  );
}

/** Closes a stage's open rows ($1 case, $2 stage, $3 now): met when on time, breached when past due. */
const CLOSE_SQL = `UPDATE case_deadline SET status = CASE WHEN status = 'breached' OR (status = 'active' AND due_at < $3) THEN 'breached' ELSE 'met' END,
            closed_at = $3
      WHERE case_id = $1 AND stage = $2 AND closed_at IS NULL AND status IN ('active', 'paused', 'breached')`;

/** The stage was left: met when on time, breached when past due (the worker may not have fired yet). */
async function closeDeadline(scope: EffectScope, stage: string): Promise<void> {
  // One statement, no read first: most stages have no open row yet when they are entered.
  await deferWrite(scope.m, CLOSE_SQL, [scope.caseRow.id, stage, scope.now]);
}

async function pauseDeadline(scope: EffectScope, stage: string): Promise<void> {
  // One statement: the stage's newest open row, unless its clock already stands, gets a pause from now on.
  await deferWrite(
    scope.m,
    `UPDATE case_deadline SET status = 'paused', pauses = pauses || jsonb_build_array(jsonb_build_object('from', $3::text, 'to', NULL))
      WHERE id = (SELECT id FROM case_deadline WHERE case_id = $1 AND stage = $2 AND status IN ('active', 'paused') ORDER BY started_at DESC LIMIT 1)
        AND status = 'active'`,
    [scope.caseRow.id, stage, scope.now.toISOString()],
  );
}

async function resumeDeadline(scope: EffectScope, stage: string): Promise<void> {
  const row = await openRow(scope.m, scope.caseRow.id, stage);
  if (!row || row.status !== 'paused') return;
  const pauses = row.pauses.map((p) => (p.to === null ? { ...p, to: scope.now.toISOString() } : p));
  // The step's notice announces the period's new end (a resubmitted complaint: when screening now completes).
  scope.deadlinesSet.set(stage, await recompute(scope, row, { pauses, status: 'active' }));
}

async function extendDeadline(scope: EffectScope, stage: string, period: number): Promise<void> {
  const row = await openRow(scope.m, scope.caseRow.id, stage);
  // No running or stopped period to lengthen: it has run out (breached). An extension is approved before the period
  // ends; refused, the command keeps nothing, so the extension is not spent on a period that no longer runs.
  if (!row) throw new AppError('not_allowed_in_state', { state: scope.fromState, action: 'extend' });
  // The extension's notice announces the new deadline.
  scope.deadlinesSet.set(stage, await recompute(scope, row, { extension: row.extension + period }));
}

/** The new due time of a row whose clock was restarted or whose period grew; nobody waits for the write. */
const RECOMPUTE_SQL = `UPDATE case_deadline SET pauses = $2, status = $3, extension = $4, due_date = $5, due_at = $6, provisional = $7,
    reminder_at = $8 WHERE id = $1`;

async function recompute(
  scope: EffectScope,
  row: OpenRow,
  change: Partial<Pick<CaseDeadline, 'pauses' | 'status' | 'extension'>>,
): Promise<{ dueDate: string; dueAt: string }> {
  const next = { ...row, ...change };
  const due = computeDue(scope, next);
  await deferWrite(scope.m, RECOMPUTE_SQL, [
    row.id, JSON.stringify(next.pauses), next.status, next.extension, due.dueDate, new Date(due.dueAt), due.provisional,
    // A new due time is a new 80 % point; a reminder already sent for the old one is not repeated.
    new Date(reminderAt(row.startedAt, due.dueAt)),
  ]);
  return { dueDate: due.dueDate, dueAt: due.dueAt };
}

async function recipientsOf(scope: EffectScope, to: string): Promise<{ email: string; language: Language }[]> {
  const complaint: ComplaintInput = scope.caseRow.complaint;
  switch (to) {
    case 'complainant':
      return [{ email: complaint.complainant.contactEmail, language: complaint.language }];
    case 'respondent':
      return complaint.respondent.contactEmail ? [{ email: complaint.respondent.contactEmail, language: respondentLanguage(complaint) }] : [];
    case 'supervisor':
      return staffOf(scope.m, ['supervisor'], caseBureau(scope.caseRow));
    case 'assignee':
    case 'assignee_or_queue': {
      if (scope.caseRow.assigneeId) return scope.m.query('SELECT email, language FROM user_account WHERE id = $1 AND active', [scope.caseRow.assigneeId]);
      // Nobody holds the case: a notice that asks for work goes to the stage's queue, so that a respondent's answer or
      // a rejected transfer reaches someone (a closed case has no queue).
      const roles = to === 'assignee_or_queue' ? queueRolesOf(scope.caseRow.state as CaseState) : [];
      return staffOf(scope.m, roles, caseBureau(scope.caseRow));
    }
    case 'agency':
      return scope.caseRow.transferredTo
        ? scope.m.query('SELECT email, language FROM user_account WHERE organization_id = $1 AND active ORDER BY email', [scope.caseRow.transferredTo])
        : [];
    default:
      return [];
  }
}

/**
 * The bureau that serves the cases of bureau `expr`, in SQL: that bureau while an active organisation of its kind
 * exists, else the market-regulation bureau, the city's IP office (a city without a copyright bureau in the system
 * still has its copyright cases worked); null for null. The table's name is quoted for TypeORM's update builder,
 * which would take a bare `organization` for IpCase's relation (apps/api's case scope).
 */
export const servingBureauSql = (expr: string): string =>
  // `IN (uncorrelated subquery)`: PostgreSQL reads the active kinds once per statement into a hash, not once per row.
  `(CASE WHEN ${expr} IS NULL THEN NULL WHEN ${expr} IN (SELECT ob.kind FROM "organization" ob WHERE ob.active) THEN ${expr} ELSE 'market_regulation' END)`;

/**
 * The active accounts of `roles` in active organisations (a stage's queue, the supervisors), as mail recipients. A
 * case on a bureau's route (`caseBureau`) is that bureau's (as served: `servingBureauSql`): its officers only (all
 * bureaus' when none is known), and the center's supervisors with that bureau's head; other cases' supervisors are
 * the center's.
 */
export async function staffOf(m: EntityManager, roles: readonly string[], bureau: string | null = null): Promise<{ email: string; language: Language }[]> {
  if (!roles.length) return [];
  return m.query(
    `SELECT u.email, u.language FROM user_account u LEFT JOIN organization o ON o.id = u.organization_id
      WHERE u.role = ANY($1) AND u.active AND coalesce(o.active, true)
        AND CASE u.role WHEN 'officer' THEN $2::text IS NULL OR o.kind = ${servingBureauSql('$2::text')}
                        WHEN 'supervisor' THEN o.kind = 'protection_center' OR o.kind = ${servingBureauSql('$2::text')}
                        ELSE true END
      ORDER BY u.email`,
    [roles, bureau],
  );
}

/** `enforcementBureauOf` a case row: on a bureau's route, its competent agency, else the bureau its triage named. */
export const caseBureau = (c: {
  route: Route | null;
  competentAgency: CompetentAgency | null;
  snapshot: { context: Record<string, unknown> } | null;
}): CompetentAgency | null =>
  enforcementBureauOf({ route: c.route, competentAgency: c.competentAgency, triage: (c.snapshot?.context?.triage ?? null) as CaseTriage | null });

/**
 * The language of mail to the respondent, who has no account to choose one and did not write the complaint: Chinese
 * for a respondent in China (the mainland, Hong Kong, Macao, Taiwan), English otherwise.
 */
export const respondentLanguage = (complaint: { respondent: { country: string } }): Language =>
  ['CN', 'HK', 'MO', 'TW'].includes(complaint.respondent.country) ? 'zh-CN' : 'en';

/** Writes the command's notices to the outbox, with the case's final number, state and route. */
export async function writeNotices(scope: EffectScope): Promise<void> {
  // The outbox trigger (migration OutboxNotify) wakes the workers on commit: no extra round trip here. Every mail
  // of the command goes in one INSERT.
  const rows: OutboxRow[] = [];
  for (const n of scope.notices) {
    const due = announcedDeadline(scope, n.to);
    // The respondent's notice carries their single-use answer link; other notices to them carry none.
    const link =
      n.to !== 'respondent'
        ? `${scope.publicUrl}/cases/${scope.caseRow.id}`
        : n.template === 'respondent_notice'
          ? await respondentAnswerLink(scope, due)
          : undefined;
    rows.push(...(await outboxRows(scope, n.template, n.to, { ...(due ?? {}), ...(link ? { link } : {}), ...n.data }, n.toState)));
  }
  if (rows.length) await deferWrite(scope.m, OUTBOX_INSERT_SQL, [JSON.stringify(rows)]);
}

/**
 * One outbox row as `OUTBOX_INSERT_SQL` reads it (JSON keys are the column names). A row with `filer` and no
 * recipient is the copy for the account that filed the complaint: its address and language are read in the same
 * statement, and it is left out when that account is inactive or its address is the complaint's contact address.
 */
export interface OutboxRow {
  id: string;
  case_id: string;
  template: string;
  recipient: string | null;
  language: Language | null;
  data: Record<string, unknown>;
  message_id: string;
  next_attempt_at: string;
  filer?: string;
  contact?: string;
  /** The case's organisation, on the complainant contact's row: a link is left out for an account of another one. */
  org?: string | null;
}

/**
 * Mail rows in one statement; the filer's copies resolved in it. The commands' notices use it held back to leave with
 * their next statement (`deferWrite`); the worker's reminders, at once (`insertOutboxRows`).
 */
const OUTBOX_INSERT_SQL = `INSERT INTO outbox_message (id, case_id, template, recipient, language, data, message_id, status, attempts, next_attempt_at)
  SELECT x.id, x.case_id, x.template, coalesce(x.recipient, u.email), coalesce(x.language, u.language),
      CASE WHEN x.recipient IS NULL AND u.language = 'en' AND x.data ? 'link'
        THEN jsonb_set(x.data, '{link}', to_jsonb((x.data->>'link') || CASE WHEN strpos(x.data->>'link', '?') > 0 THEN '&' ELSE '?' END || 'lang=en'))
        -- The contact signs in to another organisation (an agent's client with an account of its own): the case is
        -- the agent's and would not open for them, so their mail carries no link; the agent's copy does.
        WHEN x.org IS NOT NULL AND EXISTS (SELECT 1 FROM user_account o WHERE o.email = lower(x.recipient) AND o.active
               AND o.organization_id IS DISTINCT FROM x.org)
        THEN x.data - 'link'
        ELSE x.data END,
      x.message_id, 'pending', 0, x.next_attempt_at
    FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, case_id uuid, template text, recipient text, language text, data jsonb, message_id text,
      next_attempt_at timestamptz, filer uuid, contact text, org uuid)
    LEFT JOIN user_account u ON u.id = x.filer
   WHERE x.filer IS NULL OR (u.active AND lower(u.email) <> lower(x.contact))`;

/** Writes `rows` to the outbox now (the worker's reminders), by the same statement as the commands' notices. */
export async function insertOutboxRows(m: EntityManager, rows: readonly OutboxRow[]): Promise<void> {
  if (rows.length) await m.query(OUTBOX_INSERT_SQL, [JSON.stringify(rows)]);
}

async function outboxRows(
  scope: EffectScope,
  template: string,
  to: string,
  data: Record<string, unknown>,
  toState: string,
): Promise<OutboxRow[]> {
  const c = scope.caseRow;
  const recipients: { email: string | null; language: Language | null }[] = await recipientsOf(scope, to);
  // A link opens the web UI in the language of the mail that carries it (the filer's copy: in OUTBOX_INSERT_SQL).
  const inLanguage = (l: Language | null) =>
    typeof data.link === 'string' && l === 'en' ? { link: `${data.link}${data.link.includes('?') ? '&' : '?'}lang=en` } : {};
  // What is told to the complainant is told to the account that filed the complaint too (the enterprise's own user,
  // or its IP agent): the contact address is a form field, perhaps of someone with no account, while the filer is
  // the one who can sign in and act (a correction's 15 days run whether or not the contact reads the mail).
  const filer = to === 'complainant' ? { filer: c.createdBy, contact: recipients[0]?.email ?? '' } : null;
  return [...recipients, ...(filer ? [{ email: null, language: null }] : [])].map((r) => ({
    id: randomUUID(),
    case_id: c.id,
    template,
    recipient: r.email,
    language: r.language,
    data: {
      caseNumber: c.caseNumber,
      caseId: c.id,
      complainantName: c.complainantName,
      respondentName: c.respondentName,
      state: toState,
      route: c.route,
      ...data,
      ...inLanguage(r.language),
    },
    message_id: `<${randomUUID()}@${MAIL_HOST}>`,
    next_attempt_at: scope.now.toISOString(),
    ...(filer && r.email === null ? filer : {}),
    ...(filer && r.email !== null ? { org: c.organizationId } : {}),
  }));
}

/**
 * The evidence chosen to go with a transfer or referral (`evidenceIds` of the command) is shared with the receiving
 * organisation before its package is made, so the package lists it with its hashes and the agency may download it.
 * Ids that are not this case's evidence refuse the command (422). The transfer's audit entry names them.
 */
async function shareChosenEvidence(scope: EffectScope): Promise<void> {
  const chosen = (scope.payload as { evidenceIds?: unknown } | null)?.evidenceIds;
  const org = scope.caseRow.transferredTo;
  if (!Array.isArray(chosen) || org === null) return;
  const ids = [...new Set(chosen.map((id) => String(id).toLowerCase()))];
  if (!ids.length) return;
  const found: { id: string }[] = await scope.m.query('SELECT id FROM evidence WHERE case_id = $1 AND id = ANY($2::uuid[]) FOR UPDATE', [scope.caseRow.id, ids]);
  if (found.length !== ids.length) throw AppError.validation([{ field: 'evidenceIds', code: 'not_of_case' }]);
  await scope.m.query(
    'UPDATE evidence SET shared_with = array_append(shared_with, $2::uuid) WHERE case_id = $1 AND id = ANY($3::uuid[]) AND NOT ($2::uuid = ANY(shared_with))',
    [scope.caseRow.id, org, ids],
  );
  scope.details.sharedEvidenceIds = ids.sort();
}

/**
 * A transfer or referral makes the case visible to the receiving organisation (contract.md, Visibility): the one the
 * step names (a hand-over's successor), else the one the command chose (`agencyId`, where a kind has several: the
 * intermediate court or a district's, one customs office or another), else the longest-standing active one.
 */
async function transferTo(scope: EffectScope, agency: 'police' | 'customs' | 'court', named?: string): Promise<void> {
  const chosen = named ?? (scope.payload as { agencyId?: unknown } | null)?.agencyId;
  // Share-locked without waiting: an organisation being deactivated (which hands its open cases to a successor, and
  // locks them after its own row) would otherwise wait for this case while this waited for it. Once this transfer
  // holds the lock, the deactivation waits for it to commit and then finds the case among those it hands over; a
  // transfer meeting a deactivation under way is refused (409, retried on the fresh state: nothing was written).
  const [org]: { id: string }[] =
    typeof chosen === 'string'
      ? await scope.m.query('SELECT id FROM organization WHERE id = $1 AND kind = $2 AND active FOR SHARE NOWAIT', [chosen, agency])
      : await scope.m.query('SELECT id FROM organization WHERE kind = $1 AND active ORDER BY created_at, id LIMIT 1 FOR SHARE NOWAIT', [agency]);
  if (!org && typeof chosen === 'string') throw AppError.validation([{ field: 'agencyId', code: 'agency_invalid', params: { kind: agency } }]);
  // Nobody to receive it: the command is refused whole (its transaction rolls back), rather than a transfer that
  // reaches no one, tells the complainant it did, and leaves the case where no one can act on it.
  if (!org) throw new AppError('no_receiving_agency', { agency });
  scope.caseRow.transferredTo = org.id;
  scope.details.transferredTo = org.id;
}
