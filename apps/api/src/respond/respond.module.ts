import { WorkflowModule } from '@lyg/workflow';
import { Module } from '@nestjs/common';
import { IdempotencyService } from '../common/idempotency.service';
import { EvidenceModule } from '../evidence/evidence.module';
import { RespondRateLimiter } from './rate-limit';
import { RespondController } from './respond.controller';
import { RespondService } from './respond.service';

/** `GET/POST /respond/:token`: the respondent's view of the complaint and answer, without an account. */
@Module({
  imports: [EvidenceModule, WorkflowModule],
  controllers: [RespondController],
  providers: [RespondService, RespondRateLimiter, IdempotencyService],
  exports: [RespondRateLimiter],
})
export class RespondModule {}
