import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { CaseDeadline, IpCase } from '@lyg/database';
import { CASE_STATES, type CaseState, type CompetentAgency, type NoticeTemplate, queueRolesOf, type Route } from '@lyg/domain';
import { caseBureau, insertOutboxRows, issueRespondentToken, type OutboxRow, respondentLanguage, staffOf, WorkflowService } from '@lyg/workflow';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { PollLoop } from '../poll-loop';

/**
 * Deadlines the receiving agency works against (lifecycle.md): its decision on a police transfer, its receipt of a
 * referral, and the package's handover, which the police's acknowledgement of receipt meets (the package is made at
 * approval: only the police can still do something about it).
 */
const AGENCY_STAGES = [
  'police_transfer_review.package_handover',
  'police_transfer_review.awaiting_police_decision',
  'police_transfer_review.reconsideration_decision',
  'customs_referral',
  'court_referral',
];

/**
 * Fires deadline rows whose due time has passed (lifecycle.md: rows fired by the worker, never in-memory timers).
 * Each firing is one transaction that locks the row (`SKIP LOCKED`, so several workers share the work), marks it
 * fired and sends the stage's expiry event; the statechart refuses a stale one, so a late or repeated firing
 * changes nothing, and a worker that was down fires what it missed exactly once when it comes back.
 */
@Injectable()
export class DeadlineRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('deadlines');
  private readonly loop: PollLoop;
  private stopped = false;

  constructor(
    private readonly ds: DataSource,
    private readonly workflow: WorkflowService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.loop = new PollLoop(
      () => this.runDue().then(() => this.runReminders()),
      config.workerPollMs,
      (e) => this.logger.error(e instanceof Error ? e.message : String(e)),
    );
  }

  onApplicationBootstrap(): void {
    if (this.config.workerPollMs > 0) this.loop.start();
  }

  /** Before the database goes (the DataSource closes in the shutdown hooks that follow): a round in progress ends first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
  }

  /**
   * Reminders at 80 % of a period (lifecycle.md) to whoever must act (`reminderRecipients`). Marked and written in
   * one transaction: sent once.
   */
  async runReminders(now: Date = new Date()): Promise<number> {
    return this.ds.transaction(async (m) => {
      const due: { id: string; case_id: string; stage: string; due_date: string; due_at: Date }[] = await m.query(
        `UPDATE case_deadline SET reminded_at = $1
          WHERE id IN (SELECT id FROM case_deadline
                        WHERE status = 'active' AND reminded_at IS NULL AND reminder_at <= $1 AND due_at > $1
                        ORDER BY reminder_at LIMIT 200 FOR UPDATE SKIP LOCKED)
          RETURNING id, case_id, stage, to_char(due_date, 'YYYY-MM-DD') AS due_date, due_at`,
        [now],
      ).then((r: [unknown[], number] | unknown[]) => (Array.isArray(r[0]) ? r[0] : r) as never);
      for (const d of due) {
        const [c]: ReminderCase[] = await m.query(
          `SELECT case_number, assignee_id, transferred_to, created_by, organization_id, complaint, complainant_name, respondent_name, state, route,
                  competent_agency AS "competentAgency", jsonb_build_object('context', jsonb_build_object('triage', snapshot->'context'->'triage')) AS snapshot
             FROM ip_case WHERE id = $1`,
          [d.case_id],
        );
        if (!c) continue;
        const { recipients, template, copyToFiler } = await reminderRecipients(m, d.stage, c);
        // A stage the receiving agency must act in (acknowledge a referral, decide on a transfer) reminds the agency's
        // users too: the center only follows it up.
        if (AGENCY_STAGES.includes(d.stage) && c.transferred_to) {
          recipients.push(...(await m.query('SELECT email, language FROM user_account WHERE organization_id = $1 AND active ORDER BY email', [c.transferred_to])));
        }
        // The respondent is reminded with the answer notice and a fresh link valid to the same end (the first may be
        // lost; single use means one answer, whichever link sends it); staff get the case's page, like every other
        // staff notice.
        // The parties' reminder to apply to a court carries no link: there is nothing to do in this system (and the
        // respondent has no account).
        const respondent = d.stage === 'respondent_answer';
        const link =
          template === 'judicial_confirmation_reminder'
            ? null
            : respondent && recipients.length
              ? `${this.config.publicUrl}/respond/${await issueRespondentToken(m, d.case_id, d.due_at, now)}`
              : `${this.config.publicUrl}/cases/${d.case_id}`;
        const data = { caseNumber: c.case_number, caseId: d.case_id, stage: d.stage, dueDate: d.due_date, dueAt: d.due_at.toISOString(),
          complainantName: c.complainant_name, respondentName: c.respondent_name, state: c.state, route: c.route };
        const row = (r: Recipient | null, extra: Partial<OutboxRow> = {}): OutboxRow => ({
          id: randomUUID(), case_id: d.case_id, template, recipient: r?.email ?? null, language: r?.language ?? null,
          // The filer's copy gets its `lang=en` in the statement, which reads the filer's language.
          data: { ...data, ...(link ? { link: r?.language === 'en' ? `${link}?lang=en` : link } : {}) },
          message_id: `<${randomUUID()}@ipcenter.lyg.example>`, next_attempt_at: new Date().toISOString(), ...extra,
        });
        // The complainant's reminders go to the account that filed too, by the commands' own rule (OUTBOX_INSERT_SQL).
        const filerCopy = copyToFiler ? [row(null, { filer: c.created_by, contact: c.complaint.complainant.contactEmail })] : [];
        // The contact's own copy names the case's organisation: no link for an account of another one (as the commands').
        const contactRow = (r: Recipient) => row(r, copyToFiler && r.email === c.complaint.complainant.contactEmail ? { org: c.organization_id } : {});
        await insertOutboxRows(m, [...recipients.map(contactRow), ...filerCopy]);
      }
      return due.length;
    });
  }

  /** Fires every deadline due at `now`, one transaction each; returns how many fired and how many were stale. */
  async runDue(now: Date = new Date(), max = 500): Promise<{ fired: number; stale: number }> {
    let fired = 0;
    let stale = 0;
    for (let i = 0; i < max && !this.stopped; i++) {
      const outcome = await this.ds.transaction(async (m) => {
        // The case row first, then its deadline row: the order every command takes (it locks the case, then closes
        // or moves the case's deadline rows), so a firing and a command never wait on each other crosswise (a
        // deadlock, and a 500 for the command). A case a command holds right now is passed by (SKIP LOCKED) and
        // comes up again in a later round; two workers take different cases.
        const picked: { id: string; case_id: string }[] = await m.query(
          `SELECT d.id, d.case_id FROM case_deadline d JOIN ip_case c ON c.id = d.case_id
            WHERE d.status = 'active' AND d.fired_at IS NULL AND d.due_at <= $1
            ORDER BY d.due_at LIMIT 1
            FOR UPDATE OF c SKIP LOCKED`,
          [now],
        );
        const pick = picked[0];
        if (!pick) return null;
        // Read again under the case's lock: a command that committed meanwhile may have closed or moved the row.
        const row = await m
          .getRepository(CaseDeadline)
          .createQueryBuilder('d')
          .setLock('pessimistic_write')
          .where("d.id = :id AND d.status = 'active' AND d.fired_at IS NULL AND d.due_at <= :now", { id: pick.id, now })
          .getOne();
        if (!row) return 'moved';
        const c = await m.getRepository(IpCase).findOneBy({ id: pick.case_id });
        if (!c) return 'moved';
        return this.workflow.fireDeadline(m, c, row, now);
      });
      if (outcome === null) break;
      if (outcome === 'fired') fired++;
      else if (outcome === 'stale') stale++;
    }
    if (fired || stale) this.logger.log(`deadlines: ${fired} fired, ${stale} stale`);
    return { fired, stale };
  }
}

interface ReminderCase {
  case_number: string | null;
  assignee_id: string | null;
  transferred_to: string | null;
  created_by: string;
  organization_id: string;
  complaint: { language: 'zh-CN' | 'en'; complainant: { contactEmail: string }; respondent: { contactEmail: string | null; country: string } };
  complainant_name: string;
  respondent_name: string;
  state: string;
  route: Route | null;
  competentAgency: CompetentAgency | null;
  /** Only the snapshot's triage, for `caseBureau`. */
  snapshot: { context: Record<string, unknown> };
}

type Recipient = { email: string; language: 'zh-CN' | 'en' };

/** The stages whose step is the supervisors': approving a proposed transfer, asking the police to reconsider. */
const SUPERVISOR_STAGES = ['police_transfer_review.awaiting_approval', 'police_transfer_review.reconsideration_request'];

/**
 * Who is reminded at 80 % of a period (lifecycle.md: the one who must act): the respondent of the answer period;
 * the complainant (its contact and the account that filed) of the correction period, which ends in a deemed
 * withdrawal, and of the judicial-confirmation window after a settlement, the parties' own step; the supervisors of
 * their approvals; otherwise whoever holds the case, or the stage's queue while nobody does (the supervisors when
 * the stage has no queue).
 */
async function reminderRecipients(
  m: EntityManager,
  stage: string,
  c: ReminderCase,
): Promise<{ recipients: Recipient[]; template: NoticeTemplate; copyToFiler?: boolean }> {
  const contact: Recipient = { email: c.complaint.complainant.contactEmail, language: c.complaint.language };
  const respondent = (): Recipient[] =>
    c.complaint.respondent.contactEmail ? [{ email: c.complaint.respondent.contactEmail, language: respondentLanguage(c.complaint) }] : [];
  const supervisors = (): Promise<Recipient[]> => staffOf(m, ['supervisor'], caseBureau(c));
  if (stage === 'respondent_answer') return { recipients: respondent(), template: 'respondent_answer_reminder' };
  if (stage === 'awaiting_correction') return { recipients: [contact], template: 'correction_reminder', copyToFiler: true };
  if (stage === 'judicial_confirmation') return { recipients: [contact, ...respondent()], template: 'judicial_confirmation_reminder', copyToFiler: true };
  if (SUPERVISOR_STAGES.includes(stage)) return { recipients: await supervisors(), template: 'deadline_reminder' };
  if (c.assignee_id) {
    return { recipients: await m.query('SELECT email, language FROM user_account WHERE id = $1 AND active', [c.assignee_id]), template: 'deadline_reminder' };
  }
  const queue: Recipient[] = await staffOf(m, (CASE_STATES as readonly string[]).includes(c.state) ? queueRolesOf(c.state as CaseState) : [], caseBureau(c));
  return { recipients: queue.length ? queue : await supervisors(), template: 'deadline_reminder' };
}
