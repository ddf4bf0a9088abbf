import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { EvidenceStore } from '@lyg/evidence';
import { WorkflowModule } from '@lyg/workflow';
import type { S3Client } from '@aws-sdk/client-s3';
import { Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { IdempotencyService } from '../common/idempotency.service';
import { S3_CLIENT } from '../infrastructure.module';
import { EvidenceController } from './evidence.controller';
import { EvidenceReconciler } from './evidence.reconciler';
import { EvidenceService } from './evidence.service';
import { installExpectContinue } from './expect-continue';

/** Evidence: streamed uploads to the object store, verified downloads, sharing, reconciliation. */
@Module({
  imports: [WorkflowModule],
  controllers: [EvidenceController],
  providers: [
    {
      provide: EvidenceStore,
      inject: [S3_CLIENT, APP_CONFIG],
      useFactory: (s3: S3Client, c: AppConfig) =>
        new EvidenceStore(s3, { bucket: c.s3.bucket, retention: { mode: c.evidence.retentionMode, days: c.evidence.retentionDays }, stallMs: c.evidence.stallMs }),
    },
    EvidenceService,
    EvidenceReconciler,
    IdempotencyService,
  ],
  exports: [EvidenceStore, EvidenceService, EvidenceReconciler],
})
export class EvidenceModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Evidence');

  constructor(
    private readonly store: EvidenceStore,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server) installExpectContinue(server);
    // Start-up check of the bucket's object lock (immutability); /health reports it too. Not awaited: a store that
    // is down at start-up must not keep the API from starting (uploads answer 503 until it is back).
    this.store.checkObjectLock().then(
      (s) =>
        this.logger.log(
          `evidence bucket "${this.store.bucket}": object lock ${s.objectLock ? 'enabled — objects are written with retention and read by version' : 'not enabled — objects are not immutable (use MinIO with object lock in production)'}`,
        ),
      (e: Error) => this.logger.warn(`evidence bucket "${this.store.bucket}" not reachable at start-up: ${e.message}`),
    );
  }
}
