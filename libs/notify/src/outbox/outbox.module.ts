import { Module } from '@nestjs/common';
import { OutboxAdminService } from './outbox-admin.service';
import { OutboxRepository } from './outbox-repository';

/** The outbox table's repository and its admin service; needs a TypeORM data source in the application. */
@Module({ providers: [OutboxRepository, OutboxAdminService], exports: [OutboxRepository, OutboxAdminService] })
export class OutboxModule {}
