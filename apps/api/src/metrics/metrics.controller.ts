import { Roles } from '@lyg/auth';
import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { principlesCsv } from './principles-csv';
import { parsePeriod, PrinciplesMetricsService } from './principles.service';

export class PrinciplesQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2026-09-01', description: 'first day (Asia/Shanghai), default 89 days before `to`' })
  @IsOptional() @IsString() @MaxLength(10)
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-29', description: 'last day, included (Asia/Shanghai), default today' })
  @IsOptional() @IsString() @MaxLength(10)
  to?: string;
}

/** The four-principle dashboard's figures (strict, broad, fast, equal) and their CSV export. */
@ApiTags('metrics')
@ApiBearerAuth()
@Roles('supervisor', 'admin')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: PrinciplesMetricsService) {}

  @Get('principles')
  @ApiOkResponse({ description: 'strict / broad / fast / equal figures for the cases submitted in the period' })
  principles(@Query() q: PrinciplesQueryDto) {
    return this.metrics.report(parsePeriod(q.from, q.to));
  }

  @Get('principles.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async principlesCsv(@Query() q: PrinciplesQueryDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    const period = parsePeriod(q.from, q.to);
    const report = await this.metrics.report(period);
    const name = `principles_${period.from}_${period.to}.csv`;
    res.setHeader('Content-Disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    return principlesCsv(report);
  }
}
