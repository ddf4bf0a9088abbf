export { type OutboxItem, type OutboxListQuery, OutboxAdminService } from './outbox-admin.service';
export { OutboxModule } from './outbox.module';
export { type ClaimedMessage, OUTBOX_CHANNEL, OutboxRepository } from './outbox-repository';
export { isExhausted, outageRetryDelayMs, retryDelayMs } from './retry-policy';
