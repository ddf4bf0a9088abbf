import { Public } from '@lyg/auth';
import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { objectStoreStatus } from '@lyg/evidence';
import { mailStatus } from '@lyg/notify';
import { S3Client } from '@aws-sdk/client-s3';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { MAIL_TRANSPORT, S3_CLIENT } from '../infrastructure.module';

/** `/health` (contract.md) and `/api/v1/health`, the same answer; create-app.ts keeps the prefix off both. */
export const HEALTH_PATHS = ['health', 'api/v1/health'];

@ApiTags('health')
@Controller(HEALTH_PATHS)
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    @Inject(S3_CLIENT) private readonly s3: S3Client,
    @Inject(MAIL_TRANSPORT) private readonly mail: Transporter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Liveness and readiness of database, object store and mail; 503 when the database or the store is down. */
  @Public()
  @Get()
  @ApiOkResponse({ description: '{status, database, objectStore, mail}' })
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, objectStore, mail] = await Promise.all([
      this.ds
        .query('SELECT 1')
        .then(() => ({ ok: true }))
        .catch((e: Error) => ({ ok: false, error: e.message.slice(0, 200) })),
      objectStoreStatus(this.s3, this.config.s3.bucket),
      mailStatus(this.mail),
    ]);
    const ready = database.ok && objectStore.ok;
    res.status(ready ? 200 : 503);
    return { status: ready ? (mail.ok ? 'ok' : 'degraded') : 'unavailable', database, objectStore, mail };
  }
}
