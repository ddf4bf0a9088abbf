import { Roles } from '@lyg/auth';
import { AppError, STAFF_ROLES } from '@lyg/domain';
import { ClockService, RuleSetsService } from '@lyg/workflow';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';

/**
 * The triage rule sets the server judges by (built in, or added from TRIAGE_RULE_SETS_DIR), so that staff can tell
 * which set a case's `ruleSetVersion` names and which one takes over next. The center's staff only: parties see
 * the result of triage, not its configuration.
 */
@ApiTags('triage')
@ApiBearerAuth()
@Roles(...STAFF_ROLES)
@Controller('triage/rule-sets')
export class RuleSetsController {
  constructor(
    private readonly ruleSets: RuleSetsService,
    private readonly clock: ClockService,
  ) {}

  @Get()
  @ApiOkResponse({
    description:
      '`{ruleSets: [{version, effectiveFrom, builtIn, inForce}], reload: {checkedAt, problems}}`, the latest effective-from date first; ' +
      '`reload` says when TRIAGE_RULE_SETS_DIR was last read again and why its files as they are now were not taken (empty when they were)',
  })
  list() {
    const inForce = this.ruleSets.inForceAt(this.clock.now());
    return {
      reload: this.ruleSets.reloadStatus(),
      ruleSets: this.ruleSets.list().map(({ ruleSet, file }) => ({
        version: ruleSet.version,
        effectiveFrom: ruleSet.effectiveFrom,
        builtIn: file === null,
        inForce: ruleSet === inForce,
      })),
    };
  }

  /** One set as its file has it (the built-in ones too: the usual start for a new version). */
  @Get(':version')
  @ApiOkResponse({ description: 'the rule set (`TriageRuleSet`, the shape of a file of TRIAGE_RULE_SETS_DIR); 404 for an unknown version' })
  one(@Param('version') version: string) {
    const known = this.ruleSets.byVersion(version);
    if (!known) throw new AppError('not_found', { resource: 'rule set' });
    return known.ruleSet;
  }

  /**
   * A new rule set checked before its file is placed in TRIAGE_RULE_SETS_DIR: the answer says whether it can be
   * placed as it is, and names every defect by its path. Nothing is stored: the directory is the rule sets' home, read
   * by every API and worker process alike.
   */
  @Post('check')
  @HttpCode(200)
  @Roles('admin')
  @ApiBody({ description: 'a rule set, as a file of TRIAGE_RULE_SETS_DIR would hold it', schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({
    description:
      '`{acceptable, version, effectiveFrom, problems: [{path, message}], takesEffect}`; `takesEffect` is `on_reload` for a set taking effect after today ' +
      '(every process takes it at its next reading of the directory) and `on_restart` for one backdated to today or earlier',
  })
  check(@Body() body: unknown) {
    return this.ruleSets.check(body, this.clock.now());
  }
}
