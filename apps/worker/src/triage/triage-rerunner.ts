import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { HistoryRetriage } from '@lyg/workflow';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/** Polls for re-triage requests (a case closed: its respondent's history changed) at the worker's poll interval. */
@Injectable()
export class TriageRerunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('triage');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly retriage: HistoryRetriage,
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
      this.running = this.retriage
        .runPending()
        .catch((e: unknown) => this.logger.error(e instanceof Error ? e.message : String(e)))
        .finally(() => this.schedule(this.config.workerPollMs));
    }, delay);
    this.timer.unref();
  }
}
