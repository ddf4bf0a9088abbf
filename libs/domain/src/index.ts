// libs/domain: pure TypeScript (no Node-only imports, no I/O) shared by the API, the worker and the browser UI.
export * from './model';
export * from './errors';
export * from './identifiers';
export * from './calendar';
export * from './triage';
export * from './workflow';
export * from './canonical-json';
export * from './audit-proof';
