import { Client } from 'pg';

export interface PgListenerOptions {
  connectionString: string;
  /** libpq startup options, e.g. `-c role=lyg_app`. */
  options?: string;
  applicationName: string;
  /** A constant identifier (it is written into `LISTEN`). */
  channel: string;
  onNotification(payload: string | undefined): void;
  /** Listening, first or again: what was announced while not listening may have been missed. */
  onListening?(): void;
  /** The connection is lost (or could not be made); it is made again after `retryMs`. */
  onLost?(error: unknown): void;
  retryMs?: number;
}

/**
 * A connection of its own that LISTENs on one channel (NOTIFY is delivered at the sender's commit), made again
 * whenever it is lost: the outbox's wake-up, the transfer PDFs' wake-up, the account-state announcements.
 */
/** admin_shutdown, crash_shutdown, cannot_connect_now: the server (or an administrator) is ending connections. */
const SERVER_ENDING = new Set(['57P01', '57P02', '57P03']);
const SHUTDOWN_GRACE_MS = 500;

export class PgListener {
  private static readonly running = new Set<PgListener>();

  /**
   * The process is stopping: every listener stops at once, before anything else closes. Under Ctrl-C the embedded
   * PostgreSQL gets the same signal and ends its connections while the apps are still closing; a listener stopped
   * first takes that for the end it is, not for a loss to report and recover from.
   */
  static async stopAll(): Promise<void> {
    await Promise.all([...PgListener.running].map((l) => l.stop()));
  }

  private client: Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly o: PgListenerOptions) {}

  start(): void {
    if (this.stopped) return;
    PgListener.running.add(this);
    if (!this.client && !this.retry) void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    PgListener.running.delete(this);
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.o.connectionString, options: this.o.options, application_name: this.o.applicationName });
    this.client = client;
    const lost = (e: unknown) => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => undefined);
      if (this.stopped) return;
      // A server shutting down ends its connections as the signal reaches it; under Ctrl-C the same signal reaches
      // this process a moment later (the embedded PostgreSQL is in its process group). Wait that moment before
      // calling it a loss, so that a stop arriving meanwhile ends the listener quietly.
      const grace = SERVER_ENDING.has((e as { code?: string })?.code ?? '') ? SHUTDOWN_GRACE_MS : 0;
      this.retry = setTimeout(() => {
        this.retry = null;
        if (this.stopped) return;
        this.o.onLost?.(e);
        this.retry = setTimeout(() => {
          this.retry = null;
          if (!this.stopped) void this.connect();
        }, this.o.retryMs ?? 2_000);
        this.retry.unref();
      }, grace);
      this.retry.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection ended')));
    client.on('notification', (n) => {
      if (n.channel === this.o.channel) this.o.onNotification(n.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.o.channel}`);
      if (this.client === client) this.o.onListening?.();
    } catch (e) {
      lost(e);
    }
  }
}
