import { Roles } from '@lyg/auth';
import { STAFF_ROLES, TRANSFER_AGENCIES, type TransferAgency } from '@lyg/domain';
import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { DataSource } from 'typeorm';

export class AgencyListQuery {
  @ApiPropertyOptional({ enum: TRANSFER_AGENCIES, description: 'one kind of receiving organisation' })
  @IsOptional() @IsIn(TRANSFER_AGENCIES)
  kind?: TransferAgency;
}

export interface AgencyView {
  id: string;
  name: string;
  kind: TransferAgency;
}

/**
 * The active organisations a case can be transferred or referred to, for the one deciding a transfer to choose among
 * (`agencyId` of the transferring actions). The first of each kind, the longest-standing, receives when none is chosen.
 */
@ApiTags('cases')
@ApiBearerAuth()
@Roles(...STAFF_ROLES)
@Controller('agencies')
export class AgenciesController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @Get()
  async list(@Query() q: AgencyListQuery): Promise<{ items: AgencyView[] }> {
    const items: AgencyView[] = await this.ds.query(
      'SELECT id, name, kind FROM organization WHERE active AND kind = ANY($1) ORDER BY kind, created_at, id',
      [q.kind ? [q.kind] : TRANSFER_AGENCIES],
    );
    return { items };
  }
}
