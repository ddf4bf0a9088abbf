export * from './uscc';
export * from './patent-number';
export * from './trademark-number';
export * from './nice-class';
export * from './region-code';
export * from './country-code';
export * from './party-name';
export * from './text-length';
