import { ORGANIZATION_KINDS, type OrganizationKind } from '@lyg/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { IsRegionCode, IsUscc } from '../common/validators';
import { booleanText } from './users.dto';

export class OrganizationInputDto {
  @ApiProperty({ example: '连云港市版权局' })
  @IsDefined() @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS, description: 'decides which roles its accounts may hold' })
  @IsDefined() @IsIn(ORGANIZATION_KINDS)
  kind: OrganizationKind;

  @ApiPropertyOptional({ type: String, nullable: true, example: '91320706MA1XK7H21A', description: 'GB 32100-2015; a failing check character is accepted with a warning' })
  @IsOptional() @IsUscc()
  uscc?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '320700' })
  @IsOptional() @IsRegionCode()
  regionCode?: string | null;
}

/** Any of the fields; absent ones stay as they are, `null` clears `uscc` or `regionCode`. */
export class OrganizationUpdateDto {
  @ApiPropertyOptional()
  @IsOptional() @IsString() @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS, description: "refused while accounts of the organisation hold roles the new kind does not fit" })
  @IsOptional() @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKind;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional() @IsUscc()
  uscc?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional() @IsRegionCode()
  regionCode?: string | null;

  @ApiPropertyOptional({ description: '`false` deactivates the organisation (its accounts can no longer sign in, nothing is transferred to it), `true` reactivates it' })
  @IsOptional() @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'with a deactivation or a change of kind: the active organisation of the same kind that takes over the cases transferred to this one and not finished (required when there are any: 422 `open_transfers` names how many)',
  })
  @IsOptional() @IsUUID()
  successorId?: string;
}

export class OrganizationListQuery {
  @ApiPropertyOptional({ description: 'part of the name, or a USCC' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional() @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKind;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional() @Transform(booleanText) @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(100)
  cursor?: string;
}
