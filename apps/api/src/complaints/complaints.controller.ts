import { type Caller, CurrentCaller, Roles } from '@lyg/auth';
import { Body, Controller, Headers, Param, Patch, Post, Res, UseInterceptors } from '@nestjs/common';
import { UuidParam } from '../common/uuid-param';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CasesService } from '../cases/cases.service';
import { CaseETag, parseIfMatch, sendOutcome } from '../common/http';
import { ComplaintInputDto, ComplaintPatchDto } from './complaint-input.dto';

@ApiTags('complaints')
@ApiBearerAuth()
@UseInterceptors(CaseETag)
@Controller('complaints')
export class ComplaintsController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @Roles('enterprise')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() dto: ComplaintInputDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendOutcome(res, await this.cases.createDraft(caller, dto, key));
  }

  @Patch(':id')
  @Roles('enterprise')
  @ApiHeader({ name: 'If-Match', required: false })
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParam) id: string,
    @Body() dto: ComplaintPatchDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('x-request-id') requestId: string,
  ) {
    return this.cases.updateComplaint(caller, id, dto, parseIfMatch(ifMatch), requestId);
  }
}
