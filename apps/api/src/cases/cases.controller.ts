import { type Caller, CurrentCaller, Roles } from '@lyg/auth';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CaseETag, parseIfMatch, sendOutcome } from '../common/http';
import { UuidParam } from '../common/uuid-param';
import { CasesService } from './cases.service';
import { HistoryService } from './history.service';
import { QueueService } from './queue.service';
import { ClaimNextQuery, HistoryQuery, ReassignDto } from './cases.dto';
import type { Response } from 'express';
import { ListCasesQuery } from './list-cases.query';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly queue: QueueService,
    private readonly historyService: HistoryService,
  ) {}

  @Post('claim-next')
  @UseInterceptors(CaseETag)
  @HttpCode(200)
  @Roles('examiner', 'supervisor', 'mediator', 'officer')
  async claimNext(@CurrentCaller() caller: Caller, @Query() q: ClaimNextQuery, @Headers('x-request-id') requestId: string, @Res({ passthrough: true }) res: Response) {
    const c = await this.queue.claimNext(caller, q.state, requestId);
    if (!c) res.status(204);
    return c ?? undefined;
  }

  @Post(':id/claim')
  @UseInterceptors(CaseETag)
  @HttpCode(200)
  @Roles('examiner', 'supervisor', 'mediator', 'officer')
  claim(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Headers('x-request-id') requestId: string) {
    return this.queue.claim(caller, id, requestId);
  }

  @Post(':id/release')
  @UseInterceptors(CaseETag)
  @HttpCode(200)
  @Roles('examiner', 'supervisor', 'mediator', 'officer')
  release(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Headers('x-request-id') requestId: string) {
    return this.queue.release(caller, id, requestId);
  }

  @Post(':id/assign')
  @UseInterceptors(CaseETag)
  @HttpCode(200)
  @Roles('supervisor')
  reassign(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Body() dto: ReassignDto, @Headers('x-request-id') requestId: string) {
    return this.queue.reassign(caller, id, dto.assigneeId, requestId);
  }

  /** The live queue by stage: the caller's open cases counted by state (with those past a deadline) and by flag. */
  @Get('stages')
  @Roles('examiner', 'supervisor', 'mediator', 'officer', 'admin')
  @ApiOkResponse({ description: '`{cases, breached, stages: [{state, cases, breached}], flags: [{flag, cases}]}`: the open cases the caller sees (its list\'s scope); `breached`: past a deadline' })
  stages(@CurrentCaller() caller: Caller) {
    return this.cases.stages(caller);
  }

  @Get(':id/history')
  history(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Query() q: HistoryQuery) {
    return this.historyService.history(caller, id, q.limit ?? 20, q.cursor ?? '0');
  }

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListCasesQuery) {
    return this.cases.list(caller, query);
  }

  @Post(':id/actions/:action')
  @UseInterceptors(CaseETag)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'the case version, e.g. "3"; 412 when stale' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retry with the same key and body gets the first answer again (the step is taken once); with another body, 422' })
  @ApiBody({
    required: false,
    description: 'per action (lifecycle.md), e.g. accept {route?, overrideReason?}; a step that transfers the case (approve_transfer, or accept / escalate / mediation_failed into a referral) also takes evidenceIds: the evidence of the case to share with the receiving organisation and list in its package',
    schema: { type: 'object' },
  })
  act(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParam) id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('x-request-id') requestId: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.cases.actOnce(caller, id, action, body, parseIfMatch(ifMatch), requestId, idempotencyKey).then((o) => sendOutcome(res, o));
  }

  @Get(':id')
  @UseInterceptors(CaseETag)
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string) {
    return this.cases.get(caller, id);
  }
}
