import { FLAGS, ROUTES, type Flag, type Route } from '@lyg/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class ListCasesQuery {
  @ApiPropertyOptional({ description: 'state or stage prefix, e.g. `screening`, `mediation` or `mediation.mediating`' })
  @IsOptional() @Matches(/^[a-z_]+(\.[a-z_]+)*$/, { message: 'invalid' })
  state?: string;

  @ApiPropertyOptional({ enum: ROUTES })
  @IsOptional() @IsIn(ROUTES)
  route?: Route;

  @ApiPropertyOptional({ enum: FLAGS })
  @IsOptional() @IsIn(FLAGS)
  flag?: Flag;

  @ApiPropertyOptional({ enum: ['me'] })
  @IsOptional() @IsIn(['me'])
  assignee?: 'me';

  @ApiPropertyOptional({ description: 'a case number (whole, year and serial as 2026-123, or the serial alone) or part of a party name' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ['due', 'recent'], description: 'queue order (due time, priority, submission) or newest first' })
  @IsOptional() @IsIn(['due', 'recent'])
  sort?: 'due' | 'recent';

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(500)
  cursor?: string;
}
