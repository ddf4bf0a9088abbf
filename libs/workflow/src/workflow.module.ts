import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service';
import { ClockService } from './clock.service';
import { RuleSetsService } from './rule-sets.service';
import { WorkflowService } from './workflow.service';

@Module({
  providers: [CalendarService, ClockService, RuleSetsService, WorkflowService],
  exports: [CalendarService, ClockService, RuleSetsService, WorkflowService],
})
export class WorkflowModule {}
