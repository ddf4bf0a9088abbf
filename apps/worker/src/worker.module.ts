import { type AppConfig, ConfigModule } from '@lyg/config';
import { dataSourceOptions } from '@lyg/database';
import { WorkflowModule } from '@lyg/workflow';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CheckpointModule } from './checkpoints/checkpoint-scheduler';
import { DeadlineRunner } from './deadlines/deadline-runner';
import { OutboxSenderModule } from './outbox/outbox-sender.module';

/** The worker: deadline timers, outbox mail, audit checkpoints. Stateless; any number may run. */
@Module({})
export class WorkerModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forConfig(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl, Math.min(config.databasePoolSize, 5), { role: config.databaseAppRole }), migrationsRun: false }),
        WorkflowModule,
        OutboxSenderModule,
        CheckpointModule,
      ],
      providers: [DeadlineRunner],
    };
  }
}
