import { type Caller, CurrentCaller } from '@lyg/auth';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParam) id: string) {
    return this.cases.get(caller, id);
  }
}
