// libs/domain: pure TypeScript (no Node-only imports, no I/O) shared by the API, the worker and the browser UI.
export * from './model';
