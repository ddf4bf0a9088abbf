export * from './calendar.service';
export * from './workflow.module';
export * from './workflow.service';
