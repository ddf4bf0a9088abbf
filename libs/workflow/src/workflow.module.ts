import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service';
import { ClockService } from './clock.service';
import { HistoryRetriage } from './history-retriage';
import { RuleSetsService } from './rule-sets.service';
import { WorkflowService } from './workflow.service';

@Module({
  providers: [CalendarService, ClockService, HistoryRetriage, RuleSetsService, WorkflowService],
  exports: [CalendarService, ClockService, HistoryRetriage, RuleSetsService, WorkflowService],
})
export class WorkflowModule {}
