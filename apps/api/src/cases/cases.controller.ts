import { type Caller, CurrentCaller } from '@lyg/auth';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import { parseIfMatch } from '../common/http';
import { UuidParam } from '../common/uuid-param';
import { CasesService } from './cases.service';
import { ListCasesQuery } from './list-cases.query';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListCasesQuery) {
    return this.cases.list(caller, query);
  }

  @Post(':id/actions/:action')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'the case version, e.g. "3"; 412 when stale' })
  @ApiBody({ required: false, description: 'per action (lifecycle.md), e.g. accept {route?, overrideReason?}', schema: { type: 'object' } })
  act(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParam) id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('x-request-id') requestId: string,
  ) {
    return this.cases.act(caller, id, action, body, parseIfMatch(ifMatch), requestId);
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string) {
    return this.cases.get(caller, id);
  }
}
