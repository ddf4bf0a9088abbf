import { type Caller, CurrentCaller, Roles } from '@lyg/auth';
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { sendOutcome } from '../common/http';
import { OrganizationIdParam } from '../common/uuid-param';
import { OrganizationInputDto, OrganizationListQuery, OrganizationUpdateDto } from './organizations.dto';
import { OrganizationsService } from './organizations.service';
import { ifMatchOf } from './revision';

/** Organisations that hold accounts; each one's kind decides the roles its accounts may hold. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  list(@Query() q: OrganizationListQuery) {
    return this.organizations.list(q);
  }

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() dto: OrganizationInputDto,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('x-request-id') requestId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendOutcome(res, await this.organizations.create(caller, dto, key, requestId));
  }

  @Patch(':id')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'the organisation\'s `revision`; 412 when it changed meanwhile' })
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', OrganizationIdParam) id: string,
    @Body() dto: OrganizationUpdateDto,
    @Headers('x-request-id') requestId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.organizations.update(caller, id, dto, requestId, ifMatchOf(ifMatch));
  }
}
