export * from './demo-accounts';
export * from './seed-demo';
