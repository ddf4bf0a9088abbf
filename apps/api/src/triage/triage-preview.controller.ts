import { type Caller, CurrentCaller } from '@lyg/auth';
import { EVIDENCE_KINDS, type EvidenceKind, triage, type TriageResult } from '@lyg/domain';
import { ClockService, gatherTriageInput, RuleSetsService } from '@lyg/workflow';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDefined, IsIn } from 'class-validator';
import { DataSource } from 'typeorm';
import { ComplaintInputDto } from '../complaints/complaint-input.dto';
import { normalizeComplaint, partyKeys } from '../complaints/complaint-normalizer';

export class TriagePreviewDto extends ComplaintInputDto {
  @ApiProperty({ enum: EVIDENCE_KINDS, isArray: true, example: ['right_certificate', 'purchase_record'] })
  @IsDefined() @IsArray() @ArrayMaxSize(200) @IsIn(EVIDENCE_KINDS, { each: true })
  evidenceKinds: EvidenceKind[];
}

@ApiTags('triage')
@ApiBearerAuth()
@Controller('triage')
export class TriagePreviewController {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: ClockService,
    private readonly ruleSets: RuleSetsService,
  ) {}

  /**
   * The recommendation a submission now would get, on the same facts; nothing is stored. An enterprise previews its
   * own filing; anyone else previews the complaint as filed by its complainant.
   */
  @Post('preview')
  @HttpCode(200)
  async preview(@CurrentCaller() caller: Caller, @Body() dto: TriagePreviewDto): Promise<TriageResult> {
    const { evidenceKinds, ...input } = dto;
    const { complaint } = normalizeComplaint(input as ComplaintInputDto);
    const keys = partyKeys(complaint.respondent);
    // The set a submission now would be judged by (built in or from a file), as the preview promises.
    const now = this.clock.now();
    const ruleSet = this.ruleSets.inForceAt(now);
    const facts = await gatherTriageInput(
      this.ds.manager,
      { id: null, caseNumber: null, organizationId: caller.organizationId, complaint, respondentKey: keys.key, respondentNameKey: keys.nameKey },
      now,
      ruleSet,
      evidenceKinds,
    );
    // Only an enterprise files: its own organisation is the filer (C3 asks an agent for its authorisation letter).
    // Staff and agencies preview a complaint as its complainant would file it, not as filed by their own office.
    return triage(caller.role === 'enterprise' ? facts : { ...facts, filingOrganization: { uscc: complaint.complainant.uscc } }, ruleSet);
  }
}
