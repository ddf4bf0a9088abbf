import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClockService } from './clock.service';
import { WorkflowService } from './workflow.service';

/** How long a worker holds a re-triage request before another may take it over (it died, or hangs). */
const LEASE_SECONDS = 120;
/** Open cases of one respondent re-triaged per request; more is not one respondent's docket but a data problem. */
const MAX_CASES = 1000;

/**
 * Re-triage on new history (triage-rules.md): for each closure recorded in `triage_rerun`, the open cases of the same
 * respondent (by either key, as triage's own history query; the rules match exactly) are triaged again, one
 * transaction each, so a command on one of them waits for one case at most. A request is marked done once all its
 * cases are; one that failed, or whose worker died, is taken again when its lease ends, and re-triage changes a case
 * only when its verdict differs, so doing it twice changes nothing twice. Several workers share requests (SKIP LOCKED
 * and the lease).
 */
@Injectable()
export class HistoryRetriage {
  private readonly logger = new Logger('triage');

  constructor(
    private readonly ds: DataSource,
    private readonly workflow: WorkflowService,
    private readonly clock: ClockService,
  ) {}

  /**
   * Works through pending requests; returns how many were done and how many cases changed. `causes` limits it to the
   * requests of those closed cases (a test that shares its database with others).
   */
  async runPending(limit = 20, causes: readonly string[] | null = null): Promise<{ requests: number; changed: number }> {
    const claimed: { id: string; cause_case_id: string }[] = await this.ds.query(
      `UPDATE triage_rerun SET lease_until = now() + make_interval(secs => $2), attempts = attempts + 1
        WHERE id IN (SELECT id FROM triage_rerun
                      WHERE done_at IS NULL AND (lease_until IS NULL OR lease_until < now())
                        AND ($3::uuid[] IS NULL OR cause_case_id = ANY($3::uuid[]))
                      ORDER BY requested_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, cause_case_id`,
      [limit, LEASE_SECONDS, causes],
    ).then((r: [unknown[], number] | unknown[]) => (Array.isArray(r[0]) ? r[0] : r) as never);
    await this.purgeDone();
    let requests = 0;
    let changed = 0;
    for (const job of claimed) {
      try {
        changed += await this.rerun(job.cause_case_id);
        await this.ds.query('UPDATE triage_rerun SET done_at = now(), lease_until = NULL, last_error = NULL WHERE id = $1', [job.id]);
        requests++;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.logger.error(`re-triage after case ${job.cause_case_id} closed: ${message}`);
        await this.ds.query('UPDATE triage_rerun SET last_error = $2 WHERE id = $1', [job.id, message.slice(0, 2000)]);
      }
    }
    return { requests, changed };
  }

  private purgedAt = 0;

  /**
   * Requests done more than a week ago go, at most once an hour (`force`: now): the cases' audit entries are the
   * lasting record.
   */
  async purgeDone(force = false): Promise<void> {
    if (!force && Date.now() - this.purgedAt < 3_600_000) return;
    this.purgedAt = Date.now();
    await this.ds.query("DELETE FROM triage_rerun WHERE done_at < now() - interval '7 days'");
  }

  private async rerun(causeCaseId: string): Promise<number> {
    const [cause]: { case_number: string | null; respondent_key: string; respondent_name_key: string }[] = await this.ds.query(
      'SELECT case_number, respondent_key, respondent_name_key FROM ip_case WHERE id = $1',
      [causeCaseId],
    );
    if (!cause) return 0;
    const open: { id: string }[] = await this.ds.query(
      `SELECT id FROM ip_case
        WHERE (respondent_key = $1 OR respondent_name_key = $2) AND id <> $3
          AND case_number IS NOT NULL AND closed_at IS NULL AND state <> 'draft'
        ORDER BY submitted_at LIMIT ${MAX_CASES}`,
      [cause.respondent_key, cause.respondent_name_key, causeCaseId],
    );
    let changed = 0;
    const now = this.clock.now();
    for (const { id } of open) {
      if (await this.ds.transaction((m) => this.workflow.retriage(m, id, { caseId: causeCaseId, caseNumber: cause.case_number }, now))) changed++;
    }
    if (changed) this.logger.log(`case ${cause.case_number ?? causeCaseId} closed: ${changed} of the respondent's ${open.length} open cases triaged again`);
    return changed;
  }
}
