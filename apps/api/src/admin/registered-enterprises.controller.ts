import { appendAudit } from '@lyg/audit';
import { type Caller, CurrentCaller, Roles } from '@lyg/auth';
import { RegisteredEnterprise } from '@lyg/database';
import { AppError, checkUscc, INDUSTRIES, type Industry } from '@lyg/domain';
import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { sendOutcome } from '../common/http';
import { IdempotencyService } from '../common/idempotency.service';
import { IsText, IsUscc } from '../common/validators';

export class RegisteredEnterpriseDto {
  @ApiProperty({ example: '91320706MA1XK7H21A' })
  @IsDefined() @IsUscc()
  uscc: string;

  @ApiProperty({ example: '连云港康恒医药有限公司' })
  @IsDefined() @IsString() @IsText(1, 200)
  name: string;

  @ApiPropertyOptional({ enum: INDUSTRIES, isArray: true })
  @IsOptional() @IsArray() @ArrayMaxSize(INDUSTRIES.length) @ArrayUnique() @IsIn(INDUSTRIES, { each: true })
  industries?: Industry[];
}

export class RegisteredEnterpriseQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) cursor?: string;
}

const canonical = (uscc: string) => {
  const r = checkUscc(uscc);
  return r.ok ? r.value : uscc;
};

/** The center's registered-enterprise list (保护名录): T3 of the triage rules reads it. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/registered-enterprises')
export class RegisteredEnterprisesController {
  constructor(
    private readonly ds: DataSource,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async add(
    @CurrentCaller() caller: Caller,
    @Body() dto: RegisteredEnterpriseDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const row = { uscc: canonical(dto.uscc), name: dto.name.trim(), industries: dto.industries ?? [] };
    const outcome = await this.idempotency.run(caller, key, 'POST /admin/registered-enterprises', dto, async (m) => {
      // Posting an enterprise already listed replaces its name and industries (a renamed company, a new line of
      // business): recorded as the change it is, with what it replaced.
      const [before]: { name: string; industries: string[] }[] = await m.query('SELECT name, industries FROM registered_enterprise WHERE uscc = $1 FOR UPDATE', [row.uscc]);
      await m.getRepository(RegisteredEnterprise).upsert(row, ['uscc']);
      await appendAudit(m, {
        caseId: null,
        actorId: caller.userId,
        actorRole: caller.role,
        organizationId: caller.organizationId,
        action: before ? 'registered_enterprise_updated' : 'registered_enterprise_added',
        fromState: null,
        toState: null,
        payload: row,
        details: before ? { uscc: row.uscc, before: { name: before.name, industries: before.industries } } : { uscc: row.uscc },
        principles: ['fast'],
      });
      return { status: 201, body: await m.getRepository(RegisteredEnterprise).findOneByOrFail({ uscc: row.uscc }) };
    });
    return sendOutcome(res, outcome);
  }

  @Get()
  async list(@Query() q: RegisteredEnterpriseQuery) {
    const limit = q.limit ?? 20;
    const qb = this.ds.getRepository(RegisteredEnterprise).createQueryBuilder('r').orderBy('r.uscc', 'ASC').limit(limit + 1);
    if (q.cursor) qb.andWhere('r.uscc > :cursor', { cursor: q.cursor });
    if (q.q) qb.andWhere('(r.uscc = :exact OR r.name ILIKE :like)', { exact: q.q.toUpperCase(), like: `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const rows = await qb.getMany();
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].uscc : null };
  }

  @Delete(':uscc')
  @HttpCode(204)
  async remove(@CurrentCaller() caller: Caller, @Param('uscc') uscc: string) {
    const key = canonical(uscc);
    await this.ds.transaction(async (m) => {
      const res = await m.getRepository(RegisteredEnterprise).delete({ uscc: key });
      if (!res.affected) throw new AppError('not_found', { resource: 'registered enterprise' });
      await appendAudit(m, {
        caseId: null,
        actorId: caller.userId,
        actorRole: caller.role,
        organizationId: caller.organizationId,
        action: 'registered_enterprise_removed',
        fromState: null,
        toState: null,
        payload: { uscc: key },
        details: { uscc: key },
        principles: ['fast'],
      });
    });
  }
}
