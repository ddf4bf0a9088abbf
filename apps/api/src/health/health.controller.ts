import { Public } from '@lyg/auth';
import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { objectStoreStatus } from '@lyg/evidence';
import { S3Client } from '@aws-sdk/client-s3';
import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { MAIL_TRANSPORT, S3_CLIENT } from '../infrastructure.module';

/** `/health` (contract.md) and `/api/v1/health`, the same answer; create-app.ts keeps the prefix off both. */
export const HEALTH_PATHS = ['health', 'api/v1/health'];

/** How long one round of checks answers every caller: /health is public, and each round logs in to the SMTP server. */
const CHECK_TTL_MS = 2_000;

type Status = { ok: boolean; error?: string };
type Checks = { database: Status; objectStore: Awaited<ReturnType<typeof objectStoreStatus>>; mail: Status };

/** An error as a public answer may name it: its code (ECONNREFUSED, 57P01, EAUTH…), never its text (hosts, users). */
const codeOf = (e: unknown): string => {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^[\w.-]{1,40}$/.test(code) ? code : e instanceof Error ? e.name : 'error';
};

@ApiTags('health')
@Controller(HEALTH_PATHS)
export class HealthController {
  private readonly logger = new Logger('health');
  private last: { at: number; checks: Promise<Checks> } | null = null;

  constructor(
    private readonly ds: DataSource,
    @Inject(S3_CLIENT) private readonly s3: S3Client,
    @Inject(MAIL_TRANSPORT) private readonly mail: Transporter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Liveness and readiness of database, object store and mail; 503 when the database or the store is down. One round
   * of checks serves the callers of the next two seconds; a failure names its code, and the server log its text.
   */
  @Public()
  @Get()
  @ApiOkResponse({ description: '{status, database, objectStore, mail}' })
  async health(@Res({ passthrough: true }) res: Response) {
    if (!this.last || Date.now() - this.last.at > CHECK_TTL_MS) this.last = { at: Date.now(), checks: this.check() };
    const { database, objectStore, mail } = await this.last.checks;
    const ready = database.ok && objectStore.ok;
    res.status(ready ? 200 : 503);
    return { status: ready ? (mail.ok ? 'ok' : 'degraded') : 'unavailable', database, objectStore, mail };
  }

  private async check(): Promise<Checks> {
    const failed = (what: string) => (e: unknown): Status => {
      this.logger.warn(`${what} check failed: ${e instanceof Error ? e.message : String(e)}`);
      return { ok: false, error: codeOf(e) };
    };
    const [database, objectStore, mail] = await Promise.all([
      this.ds.query('SELECT 1').then((): Status => ({ ok: true }), failed('database')),
      objectStoreStatus(this.s3, this.config.s3.bucket),
      this.mail.verify().then((): Status => ({ ok: true }), failed('mail')),
    ]);
    return { database, objectStore, mail };
  }
}
