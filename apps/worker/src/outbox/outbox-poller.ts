import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { OUTBOX_CHANNEL } from '@lyg/notify';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PgListener } from '@lyg/database';
import { OutboxSender } from './outbox-sender';

const RECONNECT_MS = 5000;

/**
 * Runs the outbox sender in the background: every `OUTBOX_POLL_MS`, at once when a writer sends `NOTIFY outbox`,
 * and again straight away while batches come back full. The poll alone is enough for correctness (a lost
 * notification only delays a message by one interval); LISTEN makes delivery prompt without a tight poll.
 */
@Injectable()
export class OutboxPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('outbox');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeRequested = false;
  private stopped = false;
  private readonly listener: PgListener;

  constructor(
    private readonly sender: OutboxSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.listener = new PgListener({
      connectionString: config.databaseUrl,
      applicationName: 'lyg-worker-outbox',
      channel: OUTBOX_CHANNEL,
      onNotification: () => this.wake(),
      // Whatever was enqueued while we were not listening is picked up now rather than at the next poll.
      onListening: () => this.wake(),
      onLost: (e) => this.logger.warn(`LISTEN ${OUTBOX_CHANNEL} lost (${e instanceof Error ? e.message : String(e)}); polling every ${config.outbox.pollMs} ms meanwhile`),
      retryMs: RECONNECT_MS,
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.outbox.pollMs <= 0) return;
    this.schedule(0);
    this.listener.start();
  }

  /** Stops polling and listening, then waits for the batch in flight (the sender gives back what it has not begun). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.listener.stop();
    await this.running;
  }

  /** Runs a batch as soon as possible; while one runs, another follows it at once. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.wakeRequested = true;
    else this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delay);
  }

  private tick(): void {
    this.timer = null;
    this.running = this.drain()
      .catch((e: unknown) => this.logger.error(`outbox batch failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.running = null;
        const again = this.wakeRequested;
        this.wakeRequested = false;
        this.schedule(again ? 0 : this.config.outbox.pollMs);
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      const report = await this.sender.sendDue();
      if (this.stopped || report.claimed < this.config.outbox.batchSize || report.released > 0) return;
    }
  }
}
