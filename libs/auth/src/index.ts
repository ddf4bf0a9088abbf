export * from './account-states';
export * from './auth.guard';
export * from './auth.module';
export * from './auth.service';
export * from './caller';
export * from './password';
