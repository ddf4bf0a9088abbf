import { AuditChainBrokenError, appendAudit, AuditModule, AuditService, CheckpointStoreUnavailableError } from '@lyg/audit';
import { type Caller, CurrentCaller, Public, Roles } from '@lyg/auth';
import { AppError } from '@lyg/domain';
import { Controller, Get, Headers, HttpCode, Module, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';

const unavailable = (e: unknown): never => {
  if (e instanceof CheckpointStoreUnavailableError) throw new AppError('service_unavailable', { service: 'object store' });
  throw e;
};

/**
 * The audit log's integrity: the full verification (chain recomputed, held against the signed checkpoints in the
 * object store), the latest checkpoint, and signing one on demand.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('supervisor', 'admin')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly ds: DataSource,
  ) {}

  @Get('verify')
  @ApiOkResponse({ description: '`{valid, checkedEntries, firstBadSeq, lastCheckpoint, …}`' })
  async verify() {
    return this.audit.verify().catch(unavailable);
  }

  @Get('checkpoints/latest')
  async latest() {
    return { checkpoint: await this.audit.latest(), keys: this.audit.keyIds };
  }

  /** Signs the chain head now (the worker also does so periodically); audited as the caller's action. */
  @Post('checkpoints')
  @HttpCode(200)
  async checkpoint(@CurrentCaller() caller: Caller, @Headers('x-request-id') requestId: string) {
    const outcome = await this.audit.checkpoint().catch((e: unknown) => {
      if (e instanceof AuditChainBrokenError) throw new AppError('not_allowed_in_state', { state: `audit chain broken at entry ${e.firstBadSeq}`, action: 'checkpoint' });
      return unavailable(e);
    });
    if (outcome.status === 'created' && outcome.checkpoint) {
      const cp = outcome.checkpoint;
      await this.ds.transaction((m) =>
        appendAudit(m, {
          caseId: null,
          actorId: caller.userId,
          actorRole: caller.role,
          organizationId: caller.organizationId,
          action: 'audit_checkpoint_signed',
          fromState: null,
          toState: null,
          payload: { seq: cp.seq, hash: cp.hash },
          details: { seq: cp.seq, keyId: cp.keyId, objectKey: cp.objectKey },
          requestId,
          principles: ['broad'],
        }),
      );
    }
    return outcome;
  }
}

/**
 * The public keys that sign the audit checkpoints, published like a transparency log's: a receiving court, police or
 * customs office fetches them once (and compares the key id with the one the center gave it out of band), then
 * checks transfer packages offline (`npm run transfer:verify`).
 */
@ApiTags('audit')
@Public()
@Controller('audit/public-keys')
export class AuditKeysController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ description: '`{keys: [{keyId, signing, publicKey, pem}]}`: Ed25519 public keys (SPKI) trusted for the checkpoints; `signing` marks the current one' })
  keys() {
    return { algorithm: 'Ed25519', keys: this.audit.publicKeys() };
  }
}

@Module({ imports: [AuditModule], controllers: [AuditController, AuditKeysController] })
export class AuditApiModule {}
