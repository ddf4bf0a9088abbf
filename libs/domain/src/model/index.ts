export * from './enums';
export * from './complaint';
export * from './triage-result';
export * from './organizations';
export * from './principles-report';
export * from './history';
