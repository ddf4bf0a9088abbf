import { type Caller, CurrentCaller, Roles } from '@lyg/auth';
import { EVIDENCE_KINDS } from '@lyg/domain';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sendOutcome } from '../common/http';
import { UuidParam } from '../common/uuid-param';
import { ListEvidenceQuery, ShareEvidenceDto } from './evidence.dto';
import { EvidenceService } from './evidence.service';
import { EvidenceIdParam } from './evidence-id.param';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller()
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /** Streamed straight to the object store: the body is never parsed by Nest or buffered (see EvidenceService). */
  @Post('complaints/:id/evidence')
  @Roles('enterprise', 'examiner', 'supervisor', 'officer', 'mediator')
  @ApiConsumes('multipart/form-data')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: { file: { type: 'string', format: 'binary' }, kind: { type: 'string', enum: [...EVIDENCE_KINDS] }, description: { type: 'string', maxLength: 2000 } },
    },
  })
  async upload(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParam) id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('x-request-id') requestId: string,
  ) {
    return sendOutcome(res, await this.evidence.upload(caller, id, req, res, key, requestId));
  }

  @Get('cases/:id/evidence')
  list(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string, @Query() query: ListEvidenceQuery) {
    return this.evidence.list(caller, id, query);
  }

  @Get('evidence/:id/content')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'the file, streamed; `Repr-Digest` carries its recorded SHA-256; an aborted transfer means it failed the integrity check' })
  download(@CurrentCaller() caller: Caller, @Param('id', EvidenceIdParam) id: string, @Res() res: Response, @Headers('x-request-id') requestId: string) {
    return this.evidence.download(caller, id, res, requestId);
  }

  @Post('evidence/:id/share')
  @HttpCode(200)
  @Roles('examiner', 'supervisor')
  share(@CurrentCaller() caller: Caller, @Param('id', EvidenceIdParam) id: string, @Body() dto: ShareEvidenceDto, @Headers('x-request-id') requestId: string) {
    return this.evidence.share(caller, id, dto, requestId);
  }
}
