import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service';
import { ClockService } from './clock.service';
import { WorkflowService } from './workflow.service';

@Module({ providers: [CalendarService, ClockService, WorkflowService], exports: [CalendarService, ClockService, WorkflowService] })
export class WorkflowModule {}
