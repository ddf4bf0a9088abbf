import { LANGUAGES, type Language, ROLES, type Role } from '@lyg/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { QUEUE_ROLES } from '../cases/queue.service';

export class UserInputDto {
  @ApiProperty({ example: 'wang.min@kangheng.example' })
  @IsDefined() @IsEmail({}, { message: 'email' }) @MaxLength(254)
  email: string;

  @ApiProperty({ example: '王敏' })
  @IsDefined() @IsString() @Length(1, 100)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsDefined() @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'required for every role but admin, and of a kind fitting the role' })
  @IsOptional() @IsUUID()
  organizationId?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'zh-CN', description: 'language of the notices e-mailed to the account' })
  @IsOptional() @IsIn(LANGUAGES)
  language?: Language;
}

/**
 * Any of the fields; absent ones stay as they are. Deactivating, or changing the e-mail, role or organisation,
 * ends the account's current sessions (their tokens are refused from the next request on).
 */
export class UserUpdateDto {
  @ApiPropertyOptional()
  @IsOptional() @IsEmail({}, { message: 'email' }) @MaxLength(254)
  email?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: '`null`: no organisation (admin only)' })
  @IsOptional() @IsUUID()
  organizationId?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional() @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ description: '`false` deactivates the account (it can no longer sign in), `true` reactivates it' })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export const booleanText = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class UserListQuery {
  @ApiPropertyOptional({ description: 'part of the e-mail address or the name' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  organizationId?: string;

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

/** Eligible assignees: active staff of the queues, by role. */
export class StaffListQuery {
  @ApiPropertyOptional({ enum: QUEUE_ROLES })
  @IsOptional() @IsIn(QUEUE_ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'part of the name or the e-mail address' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "one account (a case's assignee, by name)" })
  @IsOptional() @IsUUID()
  id?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "those who may be given this case: no officer or head of another bureau than the case's" })
  @IsOptional() @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(100)
  cursor?: string;
}
