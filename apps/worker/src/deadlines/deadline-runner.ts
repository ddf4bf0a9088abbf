import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { CaseDeadline, IpCase } from '@lyg/database';
import { WorkflowService } from '@lyg/workflow';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Fires deadline rows whose due time has passed (lifecycle.md: rows fired by the worker, never in-memory timers).
 * Each firing is one transaction that locks the row (`SKIP LOCKED`, so several workers share the work), marks it
 * fired and sends the stage's expiry event; the statechart refuses a stale one, so a late or repeated firing
 * changes nothing, and a worker that was down fires what it missed exactly once when it comes back.
 */
@Injectable()
export class DeadlineRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('deadlines');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly ds: DataSource,
    private readonly workflow: WorkflowService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.workerPollMs > 0) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runDue()
        .catch((e: unknown) => this.logger.error(e instanceof Error ? e.message : String(e)))
        .finally(() => this.schedule(this.config.workerPollMs));
    }, delay);
    this.timer.unref();
  }

  /** Fires every deadline due at `now`, one transaction each; returns how many fired and how many were stale. */
  async runDue(now: Date = new Date(), max = 500): Promise<{ fired: number; stale: number }> {
    let fired = 0;
    let stale = 0;
    for (let i = 0; i < max && !this.stopped; i++) {
      const outcome = await this.ds.transaction(async (m) => {
        const row = await m
          .getRepository(CaseDeadline)
          .createQueryBuilder('d')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where("d.status = 'active' AND d.fired_at IS NULL AND d.due_at <= :now", { now })
          .orderBy('d.due_at', 'ASC')
          .limit(1)
          .getOne();
        if (!row) return null;
        const c = await m.getRepository(IpCase).findOne({ where: { id: row.caseId }, lock: { mode: 'pessimistic_write' } });
        if (!c) return null;
        return this.workflow.fireDeadline(m, c, row, now);
      });
      if (outcome === null) break;
      if (outcome === 'fired') fired++;
      else stale++;
    }
    if (fired || stale) this.logger.log(`deadlines: ${fired} fired, ${stale} stale`);
    return { fired, stale };
  }
}
