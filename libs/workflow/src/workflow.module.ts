import { Module } from '@nestjs/common';
import { CalendarService } from './calendar.service';
import { WorkflowService } from './workflow.service';

@Module({ providers: [CalendarService, WorkflowService], exports: [CalendarService, WorkflowService] })
export class WorkflowModule {}
