export * from './mail-transport';
export * from './outbox';
export * from './templates';
