export * from './data-source';
export * from './entities';
export * from './prepared-statements';
export * from './pg-listener';
export * from './statement-batch';
export * from './row-mapper';
