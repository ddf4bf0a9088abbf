import { APP_CONFIG, type AppConfig } from '@lyg/config';
import { createMailTransport, OutboxModule } from '@lyg/notify';
import { Module } from '@nestjs/common';
import { OutboxPoller } from './outbox-poller';
import { OUTBOX_TRANSPORT, OutboxSender } from './outbox-sender';

/** Outbox mail for the worker: the only place that talks SMTP to send (architecture.md decision 5). */
@Module({
  imports: [OutboxModule],
  providers: [
    { provide: OUTBOX_TRANSPORT, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createMailTransport(c.smtpUrl, { pool: true }) },
    OutboxSender,
    OutboxPoller,
  ],
  exports: [OutboxSender],
})
export class OutboxSenderModule {}
