import { Public } from '@lyg/auth';
import { Controller, Get, Headers, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sendOutcome } from '../common/http';
import { RespondRateLimiter } from './rate-limit';
import { ANSWER_MAX_FILES, RespondService, STATEMENT_LENGTH } from './respond.service';

/** The respondent's answer link: public (the token is the credential), rate-limited per client address. */
@ApiTags('respond')
@Public()
@UseGuards(RespondRateLimiter)
@Controller('respond')
export class RespondController {
  constructor(private readonly respond: RespondService) {}

  @Get(':token')
  @ApiOkResponse({ description: 'the complaint summary the respondent may see, the answer deadline and the evidence shared with the respondent; 404 for an unknown, expired or used link' })
  summary(@Param('token') token: string, @Headers('x-request-id') requestId: string) {
    return this.respond.summary(token, requestId);
  }

  /** JSON `{statement}` or multipart (`statement`, up to five `files`, optional `kinds` in file order); not parsed by Nest when multipart. */
  @Post(':token')
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['statement'],
      properties: {
        statement: { type: 'string', minLength: STATEMENT_LENGTH.min, maxLength: STATEMENT_LENGTH.max },
        files: { type: 'array', maxItems: ANSWER_MAX_FILES, items: { type: 'string', format: 'binary' }, description: 'multipart only' },
        kinds: { type: 'array', items: { type: 'string' }, description: 'multipart only: evidence kind of each file, in order (default respondent_statement)' },
      },
    },
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key and body through the same link replays the first answer (201, `Idempotent-Replayed: true`)' })
  async answer(
    @Param('token') token: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('x-request-id') requestId: string,
  ) {
    return sendOutcome(res, await this.respond.answer(token, req, requestId, key));
  }

  @Get(':token/evidence/:evidenceId')
  @ApiProduces('application/octet-stream')
  evidence(@Param('token') token: string, @Param('evidenceId') evidenceId: string, @Res() res: Response, @Headers('x-request-id') requestId: string) {
    return this.respond.evidence(token, evidenceId, res, requestId);
  }
}
