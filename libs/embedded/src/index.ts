export * from './embedded-postgres';
export * from './free-port';
export * from './s3-server';
export * from './smtp-sink';
