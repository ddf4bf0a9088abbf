import { type Caller, CurrentCaller, Roles } from '@lyg/auth';
import type { OutboxStatus } from '@lyg/database';
import { OutboxAdminService } from '@lyg/notify';
import { Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

const STATUSES: readonly OutboxStatus[] = ['pending', 'sent', 'dead'];

export class OutboxListQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, description: '`dead`: the dead letters an admin may resend' })
  @IsOptional() @IsIn(STATUSES)
  status?: OutboxStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ description: 'exact address, any case' })
  @IsOptional() @IsEmail() @MaxLength(320)
  recipient?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;
}

/** The mail outbox for admins: deliveries, retries and dead letters, newest first; resend keeps the Message-ID. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxAdminService) {}

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() q: OutboxListQueryDto) {
    return this.outbox.list(caller, q);
  }

  @Post(':id/resend')
  @HttpCode(200)
  resend(@CurrentCaller() caller: Caller, @Param('id') id: string, @Headers('x-request-id') requestId: string) {
    return this.outbox.resend(caller, id, requestId);
  }
}
