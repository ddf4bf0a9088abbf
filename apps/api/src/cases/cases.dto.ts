import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export class ReassignDto {
  @ApiProperty() @IsDefined() @IsUUID() assigneeId: string;
}

export class HistoryQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional({ description: 'the last seq of the previous page' }) @IsOptional() @Matches(/^\d{1,18}$/, { message: 'invalid' }) cursor?: string; // a bigint seq: 19 digits may overflow
}

export class ClaimNextQuery {
  @ApiPropertyOptional({ description: 'queue: a state or stage prefix, e.g. `screening`' })
  @IsOptional() @Matches(/^[a-z_]+(\.[a-z_]+)*$/, { message: 'invalid' }) state?: string;
}
