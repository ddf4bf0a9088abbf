import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { HistoryRetriage } from '@lyg/workflow';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { PollLoop } from '../poll-loop';

/** Polls for re-triage requests (a case closed: its respondent's history changed) at the worker's poll interval. */
@Injectable()
export class TriageRerunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('triage');
  private readonly loop: PollLoop;

  constructor(retriage: HistoryRetriage, @Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.loop = new PollLoop(() => retriage.runPending(), config.workerPollMs, (e) => this.logger.error(e instanceof Error ? e.message : String(e)));
  }

  onApplicationBootstrap(): void {
    if (this.config.workerPollMs > 0) this.loop.start();
  }

  /** Before the database goes (the DataSource closes in the shutdown hooks that follow): a round in progress ends first. */
  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }
}
