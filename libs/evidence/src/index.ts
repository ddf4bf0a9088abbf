export * from './byte-budget';
export * from './errors';
export * from './evidence-store';
export * from './file-name';
export * from './file-type';
export * from './s3-client';
export * from './streams';
export * from './zip-directory';
