import { AuditEntry } from './audit-entry.entity';
import { CalendarYearRow } from './calendar-year.entity';
import { CaseDeadline } from './case-deadline.entity';
import { IpCase } from './case.entity';
import { Evidence } from './evidence.entity';
import { IdempotencyRecord } from './idempotency-record.entity';
import { LoginThrottle } from './login-throttle.entity';
import { Organization } from './organization.entity';
import { OutboxMessage } from './outbox-message.entity';
import { PartyName } from './party-name.entity';
import { RegisteredEnterprise } from './registered-enterprise.entity';
import { RespondentToken } from './respondent-token.entity';
import { TransferPackage } from './transfer-package.entity';
import { TriageRerun } from './triage-rerun.entity';
import { UserAccount } from './user-account.entity';

export * from './audit-entry.entity';
export * from './calendar-year.entity';
export * from './case-deadline.entity';
export * from './case.entity';
export * from './evidence.entity';
export * from './idempotency-record.entity';
export * from './login-throttle.entity';
export * from './organization.entity';
export * from './outbox-message.entity';
export * from './party-name.entity';
export * from './registered-enterprise.entity';
export * from './respondent-token.entity';
export * from './transfer-package.entity';
export * from './triage-rerun.entity';
export * from './user-account.entity';

export const ENTITIES = [
  AuditEntry,
  CalendarYearRow,
  CaseDeadline,
  IpCase,
  Evidence,
  IdempotencyRecord,
  LoginThrottle,
  Organization,
  OutboxMessage,
  PartyName,
  RegisteredEnterprise,
  RespondentToken,
  TransferPackage,
  TriageRerun,
  UserAccount,
];
