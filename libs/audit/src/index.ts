export * from './audit-log';
export * from './canonical-json';
