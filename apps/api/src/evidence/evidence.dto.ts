import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

/** `POST /evidence/:id/share`: sets (replaces) who besides the case's own parties may see this evidence. */
export class ShareEvidenceDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'receiving agencies (police, court, customs, procuratorate); replaces the list' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true, message: 'uuid' })
  organizationIds?: string[];

  @ApiPropertyOptional({ description: 'whether the respondent may see it through the answer link' })
  @IsOptional() @IsBoolean()
  respondent?: boolean;
}

export class ListEvidenceQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(500)
  cursor?: string;
}
