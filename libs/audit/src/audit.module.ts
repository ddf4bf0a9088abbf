import type { S3Client } from '@aws-sdk/client-s3';
import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { createS3Client } from '@lyg/evidence';
import { Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditKeyring } from './checkpoint';
import { type CheckpointStore, S3CheckpointStore } from './checkpoint-store';
import { type CheckpointOutcome, type CheckpointRecord, createCheckpoint, latestCheckpoint } from './checkpoints';
import { loadKeyring } from './keyring';
import { type AuditVerification, verifyAudit } from './verify';

export const AUDIT_KEYRING = Symbol('AUDIT_KEYRING');
export const CHECKPOINT_STORE = Symbol('CHECKPOINT_STORE');
const AUDIT_S3 = Symbol('AUDIT_S3');

/** Verification, checkpoints and the latest checkpoint, for the API, the worker and the command line. */
@Injectable()
export class AuditService {
  private running: Promise<AuditVerification> | null = null;

  constructor(
    private readonly ds: DataSource,
    @Inject(CHECKPOINT_STORE) private readonly store: CheckpointStore,
    @Inject(AUDIT_KEYRING) private readonly keyring: AuditKeyring,
  ) {}

  /** The full verification; callers arriving while one runs share its result rather than start another scan. */
  verify(): Promise<AuditVerification> {
    this.running ??= verifyAudit(this.ds, this.store, this.keyring).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  checkpoint(now?: Date): Promise<CheckpointOutcome> {
    return createCheckpoint(this.ds, this.store, this.keyring, now);
  }

  latest(): Promise<CheckpointRecord | null> {
    return latestCheckpoint(this.ds);
  }

  publicKeys() {
    return this.keyring.publicKeys();
  }

  get keyIds(): { signing: string | null; trusted: string[] } {
    return { signing: this.keyring.signingKeyId, trusted: this.keyring.trustedKeyIds };
  }
}

@Module({
  providers: [
    { provide: AUDIT_KEYRING, inject: [APP_CONFIG], useFactory: (c: AppConfig) => loadKeyring(c, (m) => new Logger('audit').warn(m)) },
    { provide: AUDIT_S3, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createS3Client(c.s3) },
    {
      provide: CHECKPOINT_STORE,
      inject: [APP_CONFIG, AUDIT_S3],
      useFactory: (c: AppConfig, s3: S3Client) =>
        new S3CheckpointStore(s3, c.s3.bucket, { mode: c.evidence.retentionMode, days: c.evidence.retentionDays }),
    },
    AuditService,
  ],
  exports: [AuditService, AUDIT_KEYRING, CHECKPOINT_STORE],
})
export class AuditModule implements OnApplicationShutdown {
  constructor(@Inject(AUDIT_S3) private readonly s3: S3Client) {}

  onApplicationShutdown(): void {
    this.s3.destroy();
  }
}
