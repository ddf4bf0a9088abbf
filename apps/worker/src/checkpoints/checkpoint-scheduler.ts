import { AuditChainBrokenError, AuditModule, AuditService, type CheckpointOutcome } from '@lyg/audit';
import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { PollLoop } from '../poll-loop';

/** First checkpoint shortly after start, so a restarted worker covers what was appended while it was down. */
const FIRST_DELAY_MS = 5_000;

/**
 * Signs the audit chain head every `AUDIT_CHECKPOINT_MS` (default 10 minutes; off under tests, which call
 * `runOnce()`) and writes the checkpoint to the object store. Only a head that moved is signed; several workers
 * share the work under an advisory lock. A chain found broken is never signed over: the worker logs it loudly and
 * keeps trying, so the breach stays visible until an operator acts.
 */
@Injectable()
export class CheckpointScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('audit-checkpoints');
  // runOnce logs its own failures.
  private readonly loop: PollLoop;

  constructor(
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.loop = new PollLoop(() => this.runOnce(), config.audit.checkpointMs);
  }

  onApplicationBootstrap(): void {
    if (this.config.audit.checkpointMs > 0) {
      const { signing } = this.audit.keyIds;
      this.logger.log(`signing audit checkpoints every ${Math.round(this.config.audit.checkpointMs / 1000)} s with ${signing}`);
      this.loop.start(Math.min(FIRST_DELAY_MS, this.config.audit.checkpointMs));
    }
  }

  /** Before the database goes (the DataSource closes in the shutdown hooks that follow): a round in progress ends first. */
  beforeApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** One round: sign the head if it moved since the last checkpoint. */
  async runOnce(now?: Date): Promise<CheckpointOutcome> {
    try {
      const outcome = await this.audit.checkpoint(now);
      if (outcome.status === 'created') this.logger.log(`checkpoint ${outcome.checkpoint?.seq} signed → ${outcome.checkpoint?.objectKey}`);
      return outcome;
    } catch (e) {
      if (e instanceof AuditChainBrokenError) this.logger.error(`AUDIT CHAIN BROKEN: ${e.message}; run npm run audit:verify`);
      else this.logger.warn(`checkpoint not written: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  }
}

@Module({ imports: [AuditModule], providers: [CheckpointScheduler], exports: [CheckpointScheduler] })
export class CheckpointModule {}
