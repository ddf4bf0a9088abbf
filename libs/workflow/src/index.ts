export * from './calendar.service';
export * from './clock.service';
export * from './workflow.module';
export * from './workflow.service';
export * from './triage-facts';
export * from './respondent-token';
export * from './transfer-package';
export * from './transfer-package-pdf';
