import { Roles } from '@lyg/auth';
import { STAFF_ROLES } from '@lyg/domain';
import { ClockService, RuleSetsService } from '@lyg/workflow';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';

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
}
