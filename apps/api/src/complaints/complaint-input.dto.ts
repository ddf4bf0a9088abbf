import {
  CHANNELS,
  COMPANY_SIZES,
  CONDUCTS,
  INDUSTRIES,
  IP_RIGHT_TYPES,
  LANGUAGES,
  REMEDIES,
  type Channel,
  type CompanySize,
  type Conduct,
  type Industry,
  type IpRightType,
  type Language,
  type Remedy,
} from '@lyg/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  IsAmount,
  IsCivilDate,
  IsComplainantUscc,
  IsCountryCode,
  IsHttpUrl,
  IsNiceClassesForType,
  IsPhone,
  IsRegionCode,
  IsRightNumber,
  IsText,
  IsUscc,
} from '../common/validators';

export class ComplainantDto {
  @ApiProperty({ example: '连云港康恒医药有限公司' })
  @IsDefined() @IsString() @IsText(1, 200)
  name: string;

  @ApiPropertyOptional({ type: String, example: '91320706MA1XK7H21A', nullable: true, description: 'required when `country` is `CN` and `size` is not `individual`' })
  @IsComplainantUscc()
  uscc: string | null;

  @ApiProperty({ example: 'CN' })
  @IsDefined() @IsCountryCode()
  country: string;

  @ApiProperty({ enum: COMPANY_SIZES })
  @IsDefined() @IsIn(COMPANY_SIZES)
  size: CompanySize;

  @ApiPropertyOptional({ type: String, example: '320706', nullable: true })
  @IsOptional() @IsRegionCode()
  regionCode: string | null;

  @ApiProperty({ example: '王敏' })
  @IsDefined() @IsString() @IsText(1, 100)
  contactName: string;

  @ApiProperty({ example: 'ip@kangheng.example' })
  @IsDefined() @IsEmail({}, { message: 'email' }) @MaxLength(254)
  contactEmail: string;

  @ApiPropertyOptional({ type: String, example: '+86 518 8555 0101', nullable: true })
  @IsOptional() @IsPhone()
  contactPhone: string | null;
}

export class RespondentDto {
  @ApiProperty({ example: '海州区某药房' })
  @IsDefined() @IsString() @IsText(1, 200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional() @IsUscc()
  uscc: string | null;

  @ApiProperty({ example: 'CN' })
  @IsDefined() @IsCountryCode()
  country: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional() @IsRegionCode()
  regionCode: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional() @IsString() @MaxLength(500)
  address: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional() @IsHttpUrl()
  onlineStoreUrl: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional() @IsString() @MaxLength(100)
  platform: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional() @IsEmail({}, { message: 'email' }) @MaxLength(254)
  contactEmail: string | null;
}

export class IpRightDto {
  @ApiProperty({ enum: IP_RIGHT_TYPES })
  @IsDefined() @IsIn(IP_RIGHT_TYPES)
  type: IpRightType;

  @ApiPropertyOptional({ type: String, example: 'ZL202310586421.6', nullable: true, description: 'required except for `trade_secret` and `copyright`' })
  @IsRightNumber()
  number: string | null;

  @ApiProperty({ example: '一种缓释片剂及其制备方法' })
  @IsDefined() @IsString() @IsText(1, 300)
  title: string;

  @ApiProperty({ example: '连云港康恒医药有限公司' })
  @IsDefined() @IsString() @IsText(1, 200)
  holder: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2043-05-10', nullable: true })
  @IsOptional() @IsCivilDate()
  validUntil: string | null;

  @ApiPropertyOptional({ type: 'array', items: { type: 'integer', minimum: 1, maximum: 45 }, minItems: 1, nullable: true, description: 'Nice classes; required for `trademark`' })
  @IsNiceClassesForType()
  niceClasses: number[] | null;
}

export class InfringementDto {
  @ApiProperty({ enum: CONDUCTS, isArray: true })
  @IsDefined() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(CONDUCTS.length) @ArrayUnique() @IsIn(CONDUCTS, { each: true })
  conducts: Conduct[];

  @ApiProperty({ enum: CHANNELS })
  @IsDefined() @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ enum: INDUSTRIES })
  @IsDefined() @IsIn(INDUSTRIES)
  industry: Industry;

  @ApiPropertyOptional({ type: String, example: '320706', nullable: true })
  @IsOptional() @IsRegionCode()
  regionCode: string | null;

  @ApiProperty({ format: 'date', example: '2026-10-08' })
  @IsDefined() @IsCivilDate({ notFuture: true })
  firstKnownAt: string;

  @ApiProperty({ minLength: 20, maxLength: 5000 })
  @IsDefined() @IsString() @IsText(20, 5000)
  description: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, nullable: true, example: 80000 })
  @IsAmount()
  estimatedTurnoverCny: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, nullable: true })
  @IsAmount()
  estimatedGainsCny: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, nullable: true })
  @IsAmount()
  estimatedLossCny: number | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional() @IsBoolean()
  priorWarningSent: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsHttpUrl({ each: true })
  urls: string[];
}

/** contract.md `ComplaintInput`. Unknown fields anywhere are refused (422), as are server-owned ones. */
export class ComplaintInputDto {
  @ApiPropertyOptional({ enum: LANGUAGES, default: 'zh-CN' })
  @IsOptional() @IsIn(LANGUAGES)
  language: Language;

  @ApiProperty({ type: ComplainantDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ComplainantDto)
  complainant: ComplainantDto;

  @ApiProperty({ type: RespondentDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => RespondentDto)
  respondent: RespondentDto;

  @ApiProperty({ type: [IpRightDto] })
  @IsDefined() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => IpRightDto)
  ipRights: IpRightDto[];

  @ApiProperty({ type: InfringementDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => InfringementDto)
  infringement: InfringementDto;

  @ApiProperty({ enum: REMEDIES, isArray: true })
  @IsDefined() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(REMEDIES.length) @ArrayUnique() @IsIn(REMEDIES, { each: true })
  requestedRemedies: Remedy[];
}

/** A section is given unless absent: `null` is validated (and refused) rather than taken for "not given". */
const given = (_: object, v: unknown) => v !== undefined;

/** `PATCH /complaints/:id`: each section given replaces that section; the result is validated as a whole. */
export class ComplaintPatchDto {
  @ApiPropertyOptional({ enum: LANGUAGES })
  @ValidateIf(given) @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ type: ComplainantDto })
  @ValidateIf(given) @IsObject() @ValidateNested() @Type(() => ComplainantDto)
  complainant?: ComplainantDto;

  @ApiPropertyOptional({ type: RespondentDto })
  @ValidateIf(given) @IsObject() @ValidateNested() @Type(() => RespondentDto)
  respondent?: RespondentDto;

  @ApiPropertyOptional({ type: [IpRightDto] })
  @ValidateIf(given) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => IpRightDto)
  ipRights?: IpRightDto[];

  @ApiPropertyOptional({ type: InfringementDto })
  @ValidateIf(given) @IsObject() @ValidateNested() @Type(() => InfringementDto)
  infringement?: InfringementDto;

  @ApiPropertyOptional({ enum: REMEDIES, isArray: true })
  @ValidateIf(given) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(REMEDIES.length) @ArrayUnique() @IsIn(REMEDIES, { each: true })
  requestedRemedies?: Remedy[];
}
